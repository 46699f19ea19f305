package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.profile.quarantine.Quarantine;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production handler, which a topology run reaches only with a result too large for
 * the broker: it quarantines the source record with the sink's sub-topology as stage, and
 * fails the thread rather than skip a record it could not quarantine.
 */
class QuarantiningHandlersTests {

	private final List<QuarantinedRecord> quarantined = new ArrayList<>();

	@Test
	void shouldQuarantineTheSourceOfAResultTheBrokerRefusesAsTooLarge() {
		QuarantineOnProductionError handler = handler(this.quarantined::add);

		ProductionExceptionHandlerResponse response = handler.handle(context(ProfileTopology.PROFILE_TO_PROFILES),
				new ProducerRecord<>("cdp.profiles.v1", new byte[0], new byte[0]),
				new RecordTooLargeException("The message is 2000000 bytes"));

		assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
		assertThat(this.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.profile");
			assertThat(record.reason()).isEqualTo("too-large");
			assertThat(record.coordinates()).isEqualTo("cdp.profile.commands.v1-3@42");
			assertThat(record.key()).isEqualTo("p-1".getBytes(StandardCharsets.UTF_8));
			assertThat(record.messageId()).isEqualTo("m-1");
		});
	}

	@Test
	void shouldQuarantineAResultThatCannotBeSerialized() {
		QuarantineOnProductionError handler = handler(this.quarantined::add);

		ProductionExceptionHandlerResponse response = handler.handleSerializationException(
				context(ProfileTopology.GATHER_TO_LOOKUPS), new ProducerRecord<>("lookups", "k", "v"),
				new SerializationException("cannot write"), SerializationExceptionOrigin.VALUE);

		assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
		assertThat(this.quarantined).singleElement().satisfies((record) -> {
			assertThat(record.stage()).isEqualTo("identity.gather");
			assertThat(record.reason()).isEqualTo("unwritable");
		});
	}

	@Test
	void shouldFailRatherThanSkipWhenTheQuarantineCannotBeWritten() {
		QuarantineOnProductionError handler = handler((record) -> {
			throw new io.cdp.profile.quarantine.QuarantineUnavailableException("down",
					new IllegalStateException("broker away"));
		});

		assertThat(handler.handle(context(ProfileTopology.PROFILE_TO_PROFILES),
				new ProducerRecord<>("cdp.profiles.v1", new byte[0], new byte[0]), new RecordTooLargeException("big")))
			.isEqualTo(ProductionExceptionHandlerResponse.FAIL);
	}

	private static QuarantineOnProductionError handler(Quarantine quarantine) {
		QuarantineOnProductionError handler = new QuarantineOnProductionError();
		handler.configure(Map.of(QuarantiningHandler.QUARANTINE_CONFIG, quarantine));
		return handler;
	}

	private static ErrorHandlerContext context(String node) {
		return new ErrorHandlerContext() {

			@Override
			public String topic() {
				return "cdp.profile.commands.v1";
			}

			@Override
			public int partition() {
				return 3;
			}

			@Override
			public long offset() {
				return 42;
			}

			@Override
			public Headers headers() {
				return new RecordHeaders();
			}

			@Override
			public String processorNodeId() {
				return node;
			}

			@Override
			public TaskId taskId() {
				return new TaskId(2, 3);
			}

			@Override
			public long timestamp() {
				return 0;
			}

			@Override
			public byte[] sourceRawKey() {
				return "p-1".getBytes(StandardCharsets.UTF_8);
			}

			@Override
			public byte[] sourceRawValue() {
				return "{\"kind\":\"apply\",\"event\":{\"messageId\":\"m-1\"}}".getBytes(StandardCharsets.UTF_8);
			}

		};
	}

}
