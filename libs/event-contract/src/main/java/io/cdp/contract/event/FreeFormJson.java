package io.cdp.contract.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Deep, unmodifiable copies of free-form JSON objects. {@code Map.copyOf} and
 * {@code List.copyOf} reject nulls, but JSON uses them ({@code "coupon": null}), so this
 * keeps nulls and key order while still preventing later changes through nested maps and
 * lists.
 */
final class FreeFormJson {

	private FreeFormJson() {
	}

	static Map<String, @Nullable Object> copyOf(@Nullable Map<String, ? extends @Nullable Object> source,
			String component) {
		if (source == null || source.isEmpty()) {
			return Map.of();
		}
		Map<String, @Nullable Object> copy = new LinkedHashMap<>(source.size() * 4 / 3 + 1);
		source.forEach((key, value) -> copy.put(Objects.requireNonNull(key, component + " keys must not be null"),
				copyValue(value, component)));
		return Collections.unmodifiableMap(copy);
	}

	private static @Nullable Object copyValue(@Nullable Object value, String component) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, @Nullable Object> copy = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
			map.forEach((key, nested) -> copy.put(Objects.requireNonNull(key, component + " keys must not be null"),
					copyValue(nested, component)));
			return Collections.unmodifiableMap(copy);
		}
		if (value instanceof Collection<?> collection) {
			List<@Nullable Object> copy = new ArrayList<>(collection.size());
			collection.forEach(element -> copy.add(copyValue(element, component)));
			return Collections.unmodifiableList(copy);
		}
		return value;
	}

}
