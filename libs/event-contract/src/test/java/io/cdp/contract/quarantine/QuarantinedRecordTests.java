package io.cdp.contract.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuarantinedRecordTests {

	private final QuarantinedRecordSerde serde = new QuarantinedRecordSerde();

	@Test
	void shouldKeepTheOriginalBytesThroughJson() {
		byte[] corrupt = { (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, '{' };
		QuarantinedRecord record = new QuarantinedRecord("identity.gather", "unreadable", "cannot read",
				"cdp.events.v1", 3, 42L, "m-1".getBytes(StandardCharsets.UTF_8), corrupt, "src_1", "m-1",
				Instant.parse("2026-12-05T10:00:00Z"));

		QuarantinedRecord read = this.serde.deserializer()
			.deserialize("cdp.quarantine.v1", this.serde.serializer().serialize("cdp.quarantine.v1", record));

		assertThat(read.value()).containsExactly(corrupt);
		assertThat(read.key()).containsExactly("m-1".getBytes(StandardCharsets.UTF_8));
		assertThat(read.coordinates()).isEqualTo("cdp.events.v1-3@42");
		assertThat(read).usingRecursiveComparison().isEqualTo(record);
	}

	@Test
	void shouldMakeTheErrorTextSafeToStore() {
		QuarantinedRecord record = new QuarantinedRecord("store.writer", "refused-by-database",
				"bad \u0000 value \ud800 here \ud83d\ude00 ok", null, -1, -1, null, null, "src\u0000", null,
				Instant.EPOCH);

		assertThat(record.error()).isEqualTo("bad \uFFFD value \uFFFD here \ud83d\ude00 ok");
		assertThat(record.sourceId()).isEqualTo("src\uFFFD");
	}

	@Test
	void shouldCutLongTextsWithoutSplittingAPair() {
		assertThat(QuarantinedRecord.safeText("ab\ud83d\ude00", 3)).isEqualTo("ab");
		assertThat(QuarantinedRecord.safeText("abc", 3)).isEqualTo("abc");
		assertThat(QuarantinedRecord.safeText("x".repeat(3000), 2000)).hasSize(2000);
	}

	@Test
	void shouldDescribeAFailureWithItsRootCause() {
		String text = QuarantinedRecord
			.describe(new IllegalStateException("outer", new IllegalArgumentException("inner")));

		assertThat(text).isEqualTo("IllegalStateException: outer (caused by IllegalArgumentException: inner)");
	}

	@Test
	void shouldRefuseABlankStage() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuarantinedRecord(" ", "unreadable", "x", null, -1,
				-1, null, null, null, null, Instant.EPOCH));
	}

}
