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
			latency it takes. The targets table judges each target on its figure or on its ratio, as its goal says; \
			a target whose figure or raw limit could not be measured is *not judged*.

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
			- **Sustained resolution.** People of the accuracy population's seed *after* its people (and the \
			demo's, its first ones): the population tool derives each person from the seed and their index alone \
			and keeps emails unique within a population, so none shares an identifier with the accuracy \
			population; they are in no hard case. Their messages (SDK retries included) get fresh message ids each run, so the platform does \
			the whole work rather than deduplicating an earlier run's, and are posted in delivery order through \
			the gateway's `/v1/batch`, 100 a request, by several senders that each send the next request as soon \
			as their last one was answered (a failed request is sent again, up to five times). *Load* is from the \
			first send to the last answer. Meanwhile a sample of the people (half those whose last message is \
			sent last, half spread over the population) is polled directly on the profile API: the profile their \
			login id finds, then its whole history, until it holds every one of their events. Once all of them \
			do and the load has ended, the store (`profile.events`) is counted until it holds every event of the \
			load. *End to end* is from the first send until then (events ÷ that time); *drain* from the last \
			answer until then. Never a fixed sleep; a timeout ends the wait. The raw limit is the plain Kafka \
			Streams aggregate below.
			- **Identity topology's own rate.** During the sustained run, every half second the benchmark reads \
			the identity application's consumer group lag on `cdp.events.v1` (read-committed end minus committed \
			offset) and the end offsets of its output topic `cdp.profile-events.v1` (one record per resolved \
			event). The window runs from the last look before the output began to grow to the last look at which \
			it had grown; the rate is the committed records written to `cdp.profile-events.v1` in it (read back \
			with read-committed isolation, so transaction markers and aborted records do not count) ÷ its \
			length. While the load outpaces the topology, its group has a backlog on `cdp.events.v1` (the largest \
			is reported; none means the rate is the load's, not the topology's limit), so the rate is what it \
			resolves when it always has work, sharing the machine with ingest, the gateway and the store writer as \
			it does in the stack.
			- **Plain Kafka Streams aggregate (raw limit of resolution).** After the sustained run, with the \
			pipeline idle, the records the sustained load put on `cdp.events.v1` (the offsets before its first \
			send to after its last answer) are copied, key, value and timestamp, into a topic of the benchmark's \
			own with the same partition count. A plain Kafka Streams app in the benchmark's JVM, with the identity \
			topology's settings (exactly_once_v2, commit interval 100 ms, one stream thread, RocksDB, snappy), reads \
			each as the canonical event, re-keys it by its first identifier (a repartition through Kafka) and \
			keeps a count and last-seen time per identifier in a RocksDB store. Its rate is the records ÷ the time \
			from the app reaching RUNNING until its aggregator had seen every record; its topics, group and state \
			are deleted afterwards. It includes SDK retries the identity topology deduplicates (about 2 %).
			- **Single-call ceiling.** A bare Spring Boot app (Spring MVC on Tomcat, in the bench module, started \
			as a child JVM on a free port) whose one endpoint sends the POST body as it came to a topic of its own \
			with acks=all, enable.idempotence=true, linger.ms=0 and lz4, answering 200 after the ack. The same \
			`/v1/track` closed loop runs against it at the highest ingest concurrency, after an unmeasured run of \
			the same length that warms up its fresh JVM; `/v1/track` direct at that concurrency is compared with \
			it.
			- **Freshness.** At each background load in turn (the pipeline idle before each), the population's \
			events are posted to the ingest-service's `/v1/batch` in small batches twenty times a second, by one \
			sender per thousand events a second. Meanwhile each prober posts one track event for a \
			known person to `/v1/track`, timestamped now, and then reads that person's newest history page \
			(`/v1/profiles/{id}/events?limit=10`, directly with a signed caller header) until the event is on it. \
			Freshness is the time from the ingest's 200 to that answer; the poll interval bounds its resolution. \
			A probe not seen within 30 s counts as 30 s, a lower bound of its freshness.
			- **Audience freshness.** The run creates an audience of the people whose trait \
			`bench_probe_<run>` is `in`, and a webhook destination for it that points at a receiver in the \
			benchmark (the stack must allow plain HTTP to 127.0.0.1 for it; otherwise only the topic is timed). \
			Under the background load above (1,000 events/s by default), each prober posts an identify to \
			`/v1/identify` that sets the trait to `in` or `out` for one known person after another, so that the \
			person enters or leaves, and times the ingest's 200 to the change read from \
			`cdp.audience-membership.v1` by a consumer in the benchmark, and to its delivery to the receiver. A \
			change not seen within 30 s counts as 30 s. The audience and the destination are deleted afterwards.
			- **Profile API latency.** Closed loop as above, on `GET /v1/profiles/lookup?identifier=type:value` for \
			random identifiers of the population (at each lookup concurrency, 1 and 8 connections by default) and \
			`GET /v1/profiles/{id}/events` (first page of 50) for random profiles (at the highest), directly on the \
			profile-service with a caller header signed with the internal secret (as the gateway signs it) and \
			through the gateway with an API key. The gateway's cost is the lookup rate through it ÷ the direct \
			rate at 8 connections, and its added p50 (gateway p50 − direct p50) at 8 and at 1 connection. The \
			analytics answers across every customer (`/v1/analytics/funnel`, `/overview` by week and \
			`/engagement` in a US time zone, over the 90 days up to now) are timed the same way, directly, one \
			request at a time, over everything the stack holds by then.
			- **Identity resolution accuracy.** After the load, the benchmark waits until the serving store holds \
			every event of the population and the consumer groups' lag (identity topology and store writer) is zero \
			or no longer moving; never a fixed sleep. Then every identifier of every person is looked up, and the \
			whole history of every profile found is read page by page; each event is placed in the profile whose \
			history holds it. Scoring is pairwise: of all pairs of the population's events, a pair is *true* when \
			both belong to one person and *predicted* when both are in one profile. Precision = correct ÷ predicted \
			(wrong merges lower it), recall = correct ÷ true (missed merges and lost events lower it), F1 their \
			harmonic mean. An event found in no profile counts as a profile of its own. The number of profiles \
			holding the population's events is compared with the number of people.
			- **Hard cases.** A share of the accuracy population's people (`--hard-cases`, 10 % by default) are \
			hard cases for identity resolution: their ordinary journey, plus a *shared device* (two or three \
			people who each log in on one family tablet, so their events carry its device id beside their own \
			user id), a *shared email* (two people with their own user ids who both identify with one household \
			email), *junk values* (events with a placeholder that names nobody, such as the zeroed device id, \
			`test@test.com`, `unknown`, `anonymous` or `-1`, beside the person's own user id or a cookie linked \
			to it; everyone with such a value shares it), an *alias chain* (an old cookie a, `alias` a → b, \
			events as b, and `alias` b → c when they sign up as c, with all of the person's messages sent in a \
			random order or, one person in three, in reverse) or the *same id in both namespaces* (events whose \
			anonymousId is the person's user id). The truth does not change: each event belongs to the person \
			who did it, so people who share a device or an email stay separate, a junk value links nobody, and \
			an alias chain is one person. Each kind is scored on the pairs of events that involve its people \
			(their event and anyone else's in one profile is a wrong merge), beside the people in no hard case. \
			With the demo's seed, a hard-case person among the demo's people has their ordinary journey on the \
			platform already; the hard case's own events are new.
			- **Raw limits, same run, same machine.** Kafka's own `ProducerPerformance` (from `kafka-tools` of the \
			project's Kafka version) sends events read back from the events topic (the ingest's real serialized \
			records, so the same size and compressibility) to a topic of its own with the same partition count and \
			the ingest's producer settings (acks=all, idempotent, lz4, 64 KB batches, no linger), as fast as it \
			can; the ingest's records also carry a key (the message id), the tool's do not. Kafka's \
			`EndToEndLatency` measures one produce-and-consume round trip at a time: one hop of the pipeline, the \
			floor for freshness. PostgreSQL's limit is a loop of primary-key reads of whole rows of \
			`profile.profiles` over JDBC, one connection per thread, at the lookup test's concurrency: the least \
			work a lookup can do.
			- **Memory.** Peak resident set size of each process (`VmHWM`), reset at the start of the run where \
			Linux allows it.
			- **Bottleneck.** CPU per process and phase comes from `/proc` (a process's time includes that of the \
			children it reaped: PostgreSQL's ended backends, the Kafka tools). The ingest-service is recorded with \
			Java Flight Recorder during a repeat of the heaviest batch run, and the api-gateway during a repeat of \
			the lookups through it at the highest concurrency, after the measured runs and with a 1 s warm-up \
			(the measured run warmed the path): a recording costs the recorded JVM CPU, so no judged figure comes \
			from a recorded run. The samples are added up by code area, method and thread. If `/v1/batch` stays \
			under a third of Kafka's raw producer rate, the findings name what held it back from these, the CPU table and the \
			ingest's produce latency metric (`cdp_ingest_produce_latency_seconds`).

			""";

	private Method() {
	}

}
