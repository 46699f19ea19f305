package io.cdp.contract.caller;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditHeaderTests {

	@Test
	void shouldReadWhatItWrote() {
		assertThat(AuditHeader.read(AuditHeader.write(List.of("p-1", "p-2")))).containsExactly("p-1", "p-2");
	}

	@Test
	void shouldReadNothingFromAMissingOrBlankHeader() {
		assertThat(AuditHeader.read(null)).isEmpty();
		assertThat(AuditHeader.read(" ")).isEmpty();
	}

	@Test
	void shouldSkipBlanksRepeatsAndIdsNoServiceMakes() {
		String tooLong = "p".repeat(AuditHeader.MAX_PROFILE_ID_LENGTH + 1);

		assertThat(AuditHeader.read(" p-1 ,,p-2,p-1," + tooLong + ",p\u0007x")).containsExactly("p-1", "p-2");
	}

	@Test
	void shouldReadAtMostTheMaximumNumberOfIds() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < AuditHeader.MAX_PROFILE_IDS + 5; i++) {
			many.add("p-" + i);
		}

		assertThat(AuditHeader.read(AuditHeader.write(many))).hasSize(AuditHeader.MAX_PROFILE_IDS)
			.startsWith("p-0")
			.doesNotContainAnyElementsOf(Collections.singleton("p-" + AuditHeader.MAX_PROFILE_IDS));
	}

}
