package io.cdp.bench.report;

import java.util.List;

import io.cdp.bench.result.BenchResults;
import io.cdp.bench.result.Target;
import io.cdp.bench.result.Target.Judged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetsTests {

	private final List<Target> targets = SampleReports.sample().targets();

	@Test
	void shouldJudgeTheSustainedRunOnItsEndToEndRateBesideThePlainAggregate() {
		Target sustained = find("Sustained resolution");

		assertThat(sustained.value()).isEqualTo(3450.0);
		assertThat(sustained.raw()).isEqualTo(21_000.0);
		assertThat(sustained.goal()).isEqualTo("≥ 10,000 events/s");
		assertThat(sustained.met()).isFalse();
	}

	@Test
	void shouldJudgeTheIdentityTopologyOnItsRatioToThePlainAggregate() {
		Target identity = find("Identity topology vs a plain Kafka Streams aggregate");

		assertThat(identity.ratio()).isCloseTo(0.25, within(1e-12));
		assertThat(identity.met()).isFalse();
	}

	@Test
	void shouldJudgeFreshnessUnderTwoThousandEventsASecond() {
		Target freshness = find("Freshness under load");

		assertThat(freshness.measurement()).contains("2,000 events/s");
		assertThat(freshness.value()).isEqualTo(2000.0);
		assertThat(freshness.raw()).isEqualTo(14.0);
		assertThat(freshness.met()).isFalse();
	}

	@Test
	void shouldJudgeTheGatewayOnThroughputAtEightAndAddedLatencyAtEightAndOne() {
		assertThat(this.targets.stream().filter((target) -> target.target().startsWith("Gateway"))).hasSize(3);
		Target throughput = find("Gateway throughput");
		assertThat(throughput.ratio()).isCloseTo(0.8, within(1e-12));
		assertThat(throughput.met()).isTrue();
		List<Target> added = this.targets.stream()
			.filter((target) -> target.target().equals("Gateway added latency"))
			.toList();
		assertThat(added.get(0).measurement()).endsWith("8 connections");
		assertThat(added.get(0).value()).isCloseTo(0.7, within(1e-9));
		assertThat(added.get(0).met()).isTrue();
		assertThat(added.get(1).measurement()).endsWith("1 connection");
		assertThat(added.get(1).value()).isCloseTo(0.4, within(1e-9));
	}

	@Test
	void shouldJudgeSingleCallsAgainstTheCeilingAppAndBatchesAgainstKafka() {
		Target single = find("Single calls");
		Target batch = find("Batch");

		assertThat(single.ratio()).isCloseTo(0.6, within(1e-12));
		assertThat(single.rawLimit()).isEqualTo("bare Spring Boot POST → Kafka 500 calls/s");
		assertThat(single.met()).isTrue();
		assertThat(batch.ratio()).isCloseTo(800.0 / 20_000, within(1e-12));
		assertThat(batch.met()).isFalse();
	}

	@Test
	void shouldLeaveATargetUnjudgedWhenItsFigureOrRawLimitIsMissing() {
		BenchResults sample = SampleReports.sample();
		BenchResults partial = new BenchResults(sample.startedAt(), 1, sample.machine(), sample.settings(), List.of(),
				List.of(), sample.population(), null, null, null, null, null, null, List.of(), null, null, null,
				List.of(), List.of(), sample.memory(), "", List.of(), null, null, List.of(), List.of(), null);

		List<Target> judged = Targets.of(partial);

		assertThat(judged).hasSize(10).allSatisfy((target) -> assertThat(target.met()).isNull());
		assertThat(judged.get(0).rawLimit()).isEqualTo("plain Kafka Streams aggregate (not measured)");
	}

	@Test
	void shouldJudgeValuesAndRatiosAgainstTheirThresholds() {
		assertThat(Target.judge("t", "m", 10_000.0, "events/s", "", null, Judged.VALUE_AT_LEAST, 10_000, "").met())
			.isTrue();
		assertThat(Target.judge("t", "m", 1001.0, "ms", "", 5.0, Judged.VALUE_AT_MOST, 1000, "").met()).isFalse();
		assertThat(Target.judge("t", "m", 35.0, "events/s", "", 100.0, Judged.RATIO_AT_LEAST, 0.35, "").met()).isTrue();
		assertThat(Target.judge("t", "m", 35.0, "events/s", "", null, Judged.RATIO_AT_LEAST, 0.35, "").met()).isNull();
	}

	private Target find(String name) {
		return this.targets.stream()
			.filter((target) -> target.target().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no target " + name + " in " + this.targets));
	}

}
