package io.cdp.contract.event;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

final class WireNames {

	private WireNames() {
	}

	static <E extends Enum<E>> E lookup(Class<E> type, String wireName) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equalsIgnoreCase(wireName)) {
				return constant;
			}
		}
		String known = Arrays.stream(type.getEnumConstants())
			.map(constant -> constant.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
		throw new IllegalArgumentException(
				"unknown " + type.getSimpleName() + " '" + wireName + "'; expected one of " + known);
	}

}
