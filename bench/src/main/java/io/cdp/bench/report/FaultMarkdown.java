package io.cdp.bench.report;

import java.util.Locale;

import io.cdp.bench.fault.FaultReport;
import io.cdp.bench.fault.FaultResult;
import io.cdp.bench.fault.LoadFigures;
import io.cdp.bench.fault.StoreAudit;
import org.jspecify.annotations.Nullable;

/** Writes a fault test report as Markdown ({@code fault-latest.md}). */
public final class FaultMarkdown {

	private FaultMarkdown() {
	}

	/**
	 * Renders the report.
	 * @param report what the fault test found
	 * @return the Markdown
	 */
	public static String render(FaultReport report) {
		StringBuilder md = new StringBuilder();
		StoreAudit audit = report.audit();
		LoadFigures load = report.load();
		md.append("# Fault test\n\n");
		md.append("Run of `bench/fault.sh` started %s, %.1f minutes, on %s cores (load average at the start %s).\n\n"
			.formatted(report.startedAt(), report.seconds() / 60, report.machine().getOrDefault("cores", "?"),
					report.machine().getOrDefault("loadAverageAtStart", "?")));
		md.append(report.passed()
				? "**Passed: every one of the %s events that got a 200 is stored exactly once.**\n\n"
					.formatted(Markdown.count(audit.accepted()))
				: "**Failed: of %s events that got a 200, %s are missing from the store and %s events are stored more than once.**\n\n"
					.formatted(Markdown.count(audit.accepted()), Markdown.count(audit.missing()),
							Markdown.count(audit.duplicated())));

		md.append("## Events\n\n| | events |\n| --- | ---: |\n");
		row(md, "made and sent (each with a new `messageId`)", load.eventsMade());
		row(md, "accepted: a 200 came back", load.eventsAccepted());
		row(md, "rejected by the 200's receipt", load.eventsRejected());
		row(md, "refused with a 4xx that is not retried (dropped, as an SDK drops them)", load.eventsRefused());
		row(md, "still unacknowledged when the load stopped", load.eventsAbandoned());
		row(md, "accepted and stored exactly once", audit.storedOnce());
		row(md, "**missing**: accepted, not stored", audit.missing());
		row(md, "**duplicates**: stored more than once", audit.duplicated());
		row(md, "stored without a 200 (the answer was lost to a fault; allowed)", audit.storedWithoutAcknowledgement());
		md.append('\n');
		if (!audit.missingByPhase().isEmpty()) {
			md.append("Missing events by when they were made (one made before a fault may be missing because of a "
					+ "later one: it was still in the pipeline's backlog then):\n\n| made | missing |\n| --- | ---: |\n");
			audit.missingByPhase().forEach((phase, missing) -> row(md, phase, missing));
			md.append("\nSome missing ids: `").append(String.join("`, `", audit.missingSample())).append("`\n\n");
		}
		if (!audit.duplicatedSample().isEmpty()) {
			md.append("Some duplicated ids: `").append(String.join("`, `", audit.duplicatedSample())).append("`\n\n");
		}

		md.append(("The load ran %.0f s, %s events/s accepted on average. Requests: %s, of which %s were retries "
				+ "after a 408, 429, 5xx or no answer.\n\n")
			.formatted(load.seconds(), Markdown.count(Math.round(load.acceptedPerSecondOnAverage())),
					Markdown.count(load.requests()), Markdown.count(load.retries())));
		md.append("| answer | requests | first of its kind |\n| --- | ---: | --- |\n");
		load.requestsByStatus()
			.forEach((status, requests) -> md.append(Markdown.row(status, Markdown.count(requests),
					Markdown.cell(load.firstAnswerByStatus().getOrDefault(status, "")))));
		md.append('\n');

		md.append("## Faults and recovery\n\n");
		md.append("Seconds from the fault. *Ready*: readiness UP (a service), the broker or PostgreSQL accepting "
				+ "connections. *Flowing*: an event made after the fault, accepted through the gateway, is in the "
				+ "store. *Backlog*: accepted events not yet in the store when the fault struck. *Requests*, "
				+ "*without 200*, *accepted*: the load from the fault until recovery.\n\n");
		md.append("| fault | at (UTC) | backlog | kept down | restarted | ready | flowing | requests | without 200 "
				+ "| accepted | note |\n");
		md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
		for (FaultResult fault : report.faults()) {
			md.append(Markdown.row(fault.action(), fault.at().substring(11, Math.min(fault.at().length(), 19)),
					(fault.backlog() != null) ? Markdown.count(fault.backlog()) : "—", seconds(fault.downSeconds()),
					seconds(fault.restartedAfter()), seconds(fault.readyAfter()), seconds(fault.flowingAfter()),
					Markdown.count(fault.requests()), Markdown.count(fault.requestsNotOk()),
					Markdown.count(fault.eventsAccepted()), Markdown.cell(fault.error())));
		}
		md.append('\n');

		md.append("## The pipeline at the end\n\n");
		md.append("Wait for the pipeline after the load: %s after %.0f s, %s rows of the run's events in the store.\n\n"
			.formatted(report.drain().ending(), report.drain().seconds(), Markdown.count(report.drain().rows())));
		if (!report.consumerGroupsAtEnd().isEmpty()) {
			md.append("| consumer group | consumer | records behind |\n| --- | --- | ---: |\n");
			report.consumerGroupsAtEnd()
				.forEach((group) -> md.append(Markdown.row("`" + group.group() + "`",
						group.active() ? "active" : "**none** (it stopped)", Markdown.count(group.recordsBehind()))));
			md.append('\n');
		}
		md.append("| service | readiness at the end |\n| --- | --- |\n");
		report.readinessAtEnd().forEach((service, state) -> md.append(Markdown.row(service, Markdown.cell(state))));
		md.append('\n');

		md.append("## Settings\n\n| | |\n| --- | --- |\n");
		report.settings().forEach((name, value) -> md.append(Markdown.row(name, Markdown.cell(value))));
		md.append('\n');
		md.append("## How it is measured\n\n");
		md.append("""
				- **Load**: clients send `/v1/batch` requests through the gateway with a source's write key, each \
				client one batch at a time at a fixed pace. Like a Segment SDK, a client sends the same batch again \
				(same `messageId`s and `timestamp`s, a new `sentAt`) after a 408, a 429, a 5xx or no answer, \
				backing off from 0.1 s to 2 s, and makes no new events meanwhile; another 4xx drops the batch. \
				An event counts as accepted only when a 200 came back and its receipt did not reject it.
				- **Faults**, one after the other with steady load in between: `SIGKILL` to the process the run \
				folder's PID file names, started again after the delay with `deploy/local/cdp-up.sh --only <name>`; \
				PostgreSQL stopped with the embedded binaries' `pg_ctl stop -m fast` and started again with \
				`pg_ctl start` and its former options after the outage.
				- **Recovery**: from the moment of the fault, the piece's readiness is polled every 0.5 s, and so \
				is the store for the first events made after the fault took hold that got a 200.
				- **Audit**: after the load, the wait ends when the store holds every accepted event, or gained \
				nothing for the stall time; then every `messageId` of the run in `profile.events` is counted: an \
				accepted one with no row is missing, one with more than one row is a duplicate.
				""");
		return md.toString();
	}

	private static void row(StringBuilder md, String label, long value) {
		md.append(Markdown.row(label, Markdown.count(value)));
	}

	private static String seconds(@Nullable Double seconds) {
		return (seconds == null) ? "—" : String.format(Locale.ROOT, "%.1f s", seconds);
	}

}
