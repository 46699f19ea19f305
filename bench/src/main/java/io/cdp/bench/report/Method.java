package io.cdp.bench.report;

/** How each figure is measured, as the report explains it. */
final class Method {

	static final String TEXT = """
			## How it is measured

			Everything runs on one machine: the stack started by `deploy/local/cdp-up.sh` (Kafka broker, \
			PostgreSQL, ingest-service, profile-service, api-gateway), the benchmark's own load generator, and the \
			raw-limit tools. They share its cores, so each figure is what this machine does with all of them busy \
			together; the CPU table says who used what. Ratios divide the figure by its raw limit: for a rate, the \
			share of the raw limit reached (1 = as fast as the raw tool); for a latency, how many times the raw \
			latency it takes.

			- **Population.** People and their web, app, email and help-desk journeys come from \
			`tools/population` (deterministic by seed, with SDK retries, offline app sessions delivered hours \
			late, emails and phones written in many forms). It is posted in delivery order through the gateway's \
			`/v1/batch`, 100 messages a request, one request at a time. With the seed of the demo population the \
			local run loaded, the first people are the demo's own (same identifiers, same message ids, which the \
			platform deduplicates), so no identifier of the benchmark's people collides with someone else's.
			- **Ingest throughput.** Closed loop: N workers, each with its own keep-alive HTTP/1.1 client, send \
			one request after another; a warm-up, then a measured window in which only completed requests count. \
			Bodies are the population's real messages with fresh message ids (no dedupe shortcut downstream). \
			`/v1/batch` counts the events its answer says were accepted (100 a request), `/v1/track` one per 2xx; \
			429s and other failures are counted apart and never as accepted. Directly on the ingest-service and \
			through the gateway. The profile-service consumes these events meanwhile, as it would in production.
			- **Freshness.** A background load of the population's events is posted to the ingest-service's \
			`/v1/batch` in small batches twenty times a second. Meanwhile each prober posts one track event for a \
			known person to `/v1/track`, timestamped now, and then reads that person's newest history page \
			(`/v1/profiles/{id}/events?limit=10`, directly with a signed caller header) until the event is on it. \
			Freshness is the time from the ingest's 200 to that answer; the poll interval bounds its resolution.
			- **Profile API latency.** Closed loop as above, on `GET /v1/profiles/lookup?identifier=type:value` for \
			random identifiers of the population and `GET /v1/profiles/{id}/events` (first page of 50) for random \
			profiles, directly on the profile-service with a caller header signed with the internal secret (as the \
			gateway signs it) and through the gateway with an API key.
			- **Identity resolution accuracy.** After the load, the benchmark waits until the serving store holds \
			every event of the population and the consumer groups' lag (identity topology and store writer) is zero \
			or no longer moving; never a fixed sleep. Then every identifier of every person is looked up, and the \
			whole history of every profile found is read page by page; each event is placed in the profile whose \
			history holds it. Scoring is pairwise: of all pairs of the population's events, a pair is *true* when \
			both belong to one person and *predicted* when both are in one profile. Precision = correct ÷ predicted \
			(wrong merges lower it), recall = correct ÷ true (missed merges and lost events lower it), F1 their \
			harmonic mean. An event found in no profile counts as a profile of its own. The number of profiles \
			holding the population's events is compared with the number of people.
			- **Raw limits, same run, same machine.** Kafka's own `ProducerPerformance` (from `kafka-tools` of the \
			project's Kafka version) sends events read back from the events topic (the ingest's real serialized \
			records, so the same size and compressibility) to a topic of its own with the same partition count and \
			the ingest's producer settings (acks=all, idempotent, lz4, 64 KB batches, 5 ms linger), as fast as it \
			can; the ingest's records also carry a key (the message id), the tool's do not. Kafka's \
			`EndToEndLatency` measures one produce-and-consume round trip at a time: one hop of the pipeline, the \
			floor for freshness. PostgreSQL's limit is a loop of primary-key reads of whole rows of \
			`profile.profiles` over JDBC, one connection per thread, at the lookup test's concurrency: the least \
			work a lookup can do.
			- **Memory.** Peak resident set size of each process (`VmHWM`), reset at the start of the run where \
			Linux allows it.
			- **Bottleneck.** CPU per process and phase comes from `/proc` (a process's time includes that of the \
			children it reaped: PostgreSQL's ended backends, the Kafka tools). The ingest-service is recorded with \
			Java Flight Recorder during the heaviest batch run, and the api-gateway during the lookups through it; \
			their samples are added up by code area, method and thread. If `/v1/batch` stays under a third of \
			Kafka's raw producer rate, the findings name what held it back from these, the CPU table and the \
			ingest's produce latency metric (`cdp_ingest_produce_latency_seconds`).

			""";

	private Method() {
	}

}
