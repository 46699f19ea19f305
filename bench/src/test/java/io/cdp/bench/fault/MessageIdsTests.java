package io.cdp.bench.fault;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MessageIdsTests {

	@Test
	void shouldReadTheSequenceBackOnlyFromTheRunsOwnIds() {
		MessageIds ids = MessageIds.of("20261205101500");

		assertThat(ids.id(42)).isEqualTo("fault-20261205101500-42");
		assertThat(ids.sequence("fault-20261205101500-42")).hasValue(42);
		assertThat(ids.sequence("fault-20261205101501-42")).isEmpty();
		assertThat(ids.sequence("fault-20261205101500-")).isEmpty();
		assertThat(ids.sequence("fault-20261205101500-4x")).isEmpty();
	}

	@Test
	void shouldRefuseARunIdThatIsNotLettersAndDigits() {
		assertThatIllegalArgumentException().isThrownBy(() -> MessageIds.of("a-b"));
	}

}
