package io.cdp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.cdp.e2e.SetAsideMessages.SetAside;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Every request of the hostile-input corpus ({@code hostile-input/corpus.tsv}: malformed
 * bodies, encodings, content types, parameters, cursors and credentials on every public
 * path) against the platform as it runs: the packaged gateway, ingest-service and
 * profile-service as processes on the real broker and PostgreSQL. Each case goes through
 * the gateway, and the cases marked {@code both} straight to their service too.
 *
 * <p>
 * Every answer comes within {@value #TIMEOUT_SECONDS} seconds, is never a 5xx, carries a
 * problem body when it is a 4xx and has the status the case expects, if it names one.
 * Every message an answer accepted ends up stored in the profile store or set aside with
 * its reason ({@link SetAsideMessages}): accepted data is never silently lost, and bad
 * data never wedges the pipeline for the good data behind it. A failure names each case
 * that broke a rule with its status and the start of the answer; the whole run is written
 * to {@code target/hostile-input/exchanges.tsv}.
 */
@RealInfrastructure
class HostileInputIT {

	private static final Logger logger = LoggerFactory.getLogger(HostileInputIT.class);

	private static final long TIMEOUT_SECONDS = 10;

	/** How long accepted messages may take to be stored or set aside. */
	private static final Duration SETTLE = Duration.ofSeconds(60);

	/** A few requests at a time: enough to finish quickly, few enough for two cores. */
	private static final int SENDERS = 4;

	private static final HostileStack stack = new HostileStack();

	private static final List<HostileExchange> exchanges = new ArrayList<>();

	private static TestDatabase database;

	private static SetAsideMessages setAside;

	@BeforeAll
	static void sendTheCorpus(TestKafka kafka, TestDatabase testDatabase) throws Exception {
		database = testDatabase;
		List<HostileCase> corpus = HostileCorpus.load();
		long started = System.nanoTime();
		stack.start(kafka, testDatabase);
		stack.setUp();
		setAside = new SetAsideMessages(kafka, stack);
		long ready = System.nanoTime();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		try {
			List<Future<HostileExchange>> sent = new ArrayList<>();
			for (HostileCase hostileCase : corpus) {
				sent.add(senders.submit(() -> HostileExchange.send(hostileCase, "gateway", stack)));
				if (hostileCase.direct() && hostileCase.service() != null) {
					sent.add(senders.submit(() -> HostileExchange.send(hostileCase, hostileCase.service(), stack)));
				}
			}
			for (Future<HostileExchange> exchange : sent) {
				exchanges.add(exchange.get());
			}
		}
		finally {
			senders.shutdownNow();
		}
		logger.info(
				"Hostile-input corpus: {} cases, {} requests; the stack took {} s to start and set up, "
						+ "the requests {} s",
				corpus.size(), exchanges.size(), (ready - started) / 1_000_000_000,
				(System.nanoTime() - ready) / 1_000_000_000);
		writeExchanges();
	}

	@AfterAll
	static void stopTheStack() throws InterruptedException {
		if (setAside != null) {
			setAside.close();
		}
		stack.close();
	}

	@Test
	void answersEveryHostileRequestPromptlyWithoutAServerErrorAndWithAProblemForEveryRefusal() {
		List<HostileExchange> failed = exchanges.stream().filter((exchange) -> !exchange.passed()).toList();
		if (!failed.isEmpty()) {
			fail(responseReport(failed));
		}
		assertThat(stack.services()).as("every service still runs after the corpus")
			.allSatisfy((service) -> assertThat(service.isAlive()).as("%s is alive", service).isTrue());
	}

	@Test
	void storesOrSetsAsideEveryAcceptedMessage() {
		Map<String, HostileExchange> accepted = new LinkedHashMap<>();
		Map<String, Integer> unfollowed = new TreeMap<>();
		for (HostileExchange exchange : exchanges) {
			exchange.acceptedIds().forEach((messageId) -> accepted.put(messageId, exchange));
			if (exchange.unfollowed() > 0) {
				unfollowed.merge(Objects.requireNonNullElse(exchange.source(), "an unknown source"),
						exchange.unfollowed(), Integer::sum);
			}
		}
		logger.info("{} accepted messages with known ids, {} more by source with derived ids: {}", accepted.size(),
				unfollowed.values().stream().mapToInt(Integer::intValue).sum(), unfollowed);
		assertThat(accepted).as("the corpus has accepted messages to follow").isNotEmpty();
		try {
			await().atMost(SETTLE)
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> unaccounted(accepted, unfollowed).isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError(storageReport(unaccounted(accepted, unfollowed), accepted.size()), ex);
		}
	}

	/**
	 * What is neither stored nor set aside: the cases of accepted messages that are in
	 * neither place, and the sources with fewer derived-id messages there than accepted.
	 */
	private static List<String> unaccounted(Map<String, HostileExchange> accepted, Map<String, Integer> unfollowed) {
		Map<String, String> found = new HashMap<>(storedMessages());
		List<SetAside> held = setAside.read();
		held.stream()
			.filter((message) -> message.messageId() != null)
			.forEach((message) -> found.putIfAbsent(message.messageId(),
					(message.sourceId() != null) ? message.sourceId() : ""));
		Map<HostileExchange, List<String>> lost = new LinkedHashMap<>();
		accepted.forEach((messageId, exchange) -> {
			if (!found.containsKey(messageId)) {
				lost.computeIfAbsent(exchange, (key) -> new ArrayList<>()).add(messageId);
			}
		});
		List<String> missing = new ArrayList<>();
		lost.forEach((exchange,
				messageIds) -> missing.add("[" + exchange.hostileCase().area() + "] " + exchange.name() + " [line "
						+ exchange.hostileCase().line() + "]: " + messageIds.size() + " of "
						+ exchange.acceptedIds().size() + " accepted messages neither stored nor set aside, such as "
						+ messageIds.get(0)));
		Map<String, String> sourceIds = stack.sourceIds();
		unfollowed.forEach((source, count) -> {
			String sourceId = sourceIds.get(source);
			Set<String> known = accepted.keySet();
			long there = found.entrySet()
				.stream()
				.filter((message) -> message.getValue().equals(sourceId) && !known.contains(message.getKey())
						&& !message.getKey().startsWith("hostile-seed-"))
				.count();
			if (there < count) {
				missing.add("[" + source + "] " + count + " accepted messages with derived ids, only " + there
						+ " stored or set aside");
			}
		});
		return missing;
	}

	/** The message ids in the profile store, with their source ids. */
	private static Map<String, String> storedMessages() {
		Map<String, String> stored = new HashMap<>();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			if (!tableExists(connection)) {
				return stored;
			}
			try (ResultSet rows = statement.executeQuery("SELECT message_id, source_id FROM profile.events")) {
				while (rows.next()) {
					stored.put(rows.getString(1), rows.getString(2));
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read profile.events: " + ex.getMessage(), ex);
		}
		return stored;
	}

	private static boolean tableExists(Connection connection) throws SQLException {
		try (ResultSet tables = connection.getMetaData().getTables(null, "profile", "events", null)) {
			return tables.next();
		}
	}

	private static String responseReport(List<HostileExchange> failed) {
		Map<String, List<HostileExchange>> byKind = new TreeMap<>();
		for (HostileExchange exchange : failed) {
			String first = exchange.violations().get(0);
			byKind
				.computeIfAbsent("[" + exchange.hostileCase().area() + "] " + first.substring(0, first.indexOf(':')),
						(key) -> new ArrayList<>())
				.add(exchange);
		}
		StringBuilder report = new StringBuilder().append(failed.size())
			.append(" of ")
			.append(exchanges.size())
			.append(" hostile requests broke a rule (see target/hostile-input/exchanges.tsv):\n");
		byKind.forEach((kind, list) -> {
			report.append(kind).append(" (").append(list.size()).append(")\n");
			list.forEach((exchange) -> report.append("  ")
				.append(exchange.name())
				.append(" [line ")
				.append(exchange.hostileCase().line())
				.append("]: ")
				.append(String.join("; ", exchange.violations()))
				.append(" | ")
				.append(exchange.excerpt())
				.append('\n'));
		});
		if (!stack.missingSources().isEmpty()) {
			report.append("Sources this build could not create (their cases met an unknown write key): ")
				.append(stack.missingSources())
				.append('\n');
		}
		return report.toString();
	}

	private static String storageReport(List<String> missing, int accepted) {
		return "Of " + accepted + " accepted messages with known ids, some are neither in the profile store nor set "
				+ "aside after " + SETTLE.toSeconds() + " s; " + missing.size() + " requests (or sources) are short:\n"
				+ missing.stream().sorted().collect(Collectors.joining("\n"));
	}

	private static void writeExchanges() throws IOException {
		Path file = Files.createDirectories(Path.of("target", "hostile-input")).resolve("exchanges.tsv");
		List<String> lines = new ArrayList<>();
		lines.add("case\tarea\troute\tstatus\tmillis\tviolations\taccepted\tanswer");
		for (HostileExchange exchange : exchanges) {
			lines.add(String.join("\t", exchange.hostileCase().id(), exchange.hostileCase().area(), exchange.route(),
					Integer.toString(exchange.status()), Long.toString(exchange.millis()),
					String.join("; ", exchange.violations()), String.join(" ", exchange.acceptedIds()),
					exchange.excerpt().replace('\t', ' ')));
		}
		Files.write(file, lines);
		logger.info("Slowest hostile requests: {}",
				exchanges.stream()
					.sorted(Comparator.comparingLong(HostileExchange::millis).reversed())
					.limit(8)
					.map((exchange) -> exchange.name() + " " + exchange.millis() + " ms")
					.toList());
	}

}
