package io.cdp.bench.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where the stack started by {@code deploy/local/cdp-up.sh} answers, and the secrets its
 * run folder keeps. Ports and the topic prefix come from the same environment variables
 * the script reads ({@code CDP_GATEWAY_PORT}, {@code CDP_INGEST_PORT},
 * {@code CDP_PROFILE_PORT}, {@code CDP_KAFKA_PORT}, {@code CDP_TOPICS_PREFIX}); the
 * PostgreSQL connection from the run folder's {@code postgres.env}; the secrets from
 * {@code secrets.env} and {@code demo-keys.env}.
 *
 * @param runDir the run folder
 * @param gateway the api-gateway
 * @param ingest the ingest-service
 * @param profile the profile-service
 * @param kafkaBootstrap the broker, {@code host:port}
 * @param topicsPrefix the topics' prefix, empty for none
 * @param jdbcUrl the PostgreSQL database of the services
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param internalSecret the secret the gateway signs callers with
 * @param adminApiKey an API key with the {@code admin} scope
 * @param demoSeed the seed of the demo population the script loaded, if any
 * @param demoPeople the people of that population, 0 when none was loaded
 */
public record Stack(Path runDir, URI gateway, URI ingest, URI profile, String kafkaBootstrap, String topicsPrefix,
		String jdbcUrl, String jdbcUser, String jdbcPassword, String internalSecret, String adminApiKey,
		@Nullable Long demoSeed, int demoPeople) {

	/**
	 * Reads the run folder and the environment.
	 * @param runDir the run folder
	 * @param environment the environment variables
	 * @return the stack
	 * @throws IllegalStateException if the run folder lacks the secrets
	 */
	public static Stack from(Path runDir, Function<String, @Nullable String> environment) {
		Map<String, String> values = new HashMap<>();
		for (String file : new String[] { "postgres.env", "secrets.env", "demo-keys.env", "demo-population.env" }) {
			values.putAll(EnvFiles.read(runDir.resolve(file)));
		}
		Function<String, @Nullable String> setting = (name) -> {
			String value = environment.apply(name);
			return (value != null && !value.isBlank()) ? value : values.get(name);
		};
		String secret = setting.apply("CDP_INTERNAL_SECRET");
		String admin = setting.apply("CDP_ADMIN_API_KEY");
		if (admin == null) {
			admin = setting.apply("CDP_BOOTSTRAP_ADMIN_KEY");
		}
		if (secret == null || admin == null) {
			throw new IllegalStateException("No CDP_INTERNAL_SECRET and admin API key in " + runDir
					+ " (secrets.env, demo-keys.env): start the stack with deploy/local/cdp-up.sh, or point "
					+ "--run-dir (CDP_RUN_DIR) at its run folder");
		}
		String seed = values.get("CDP_DEMO_SEED");
		String people = values.get("CDP_DEMO_PEOPLE");
		return new Stack(runDir, local(setting.apply("CDP_GATEWAY_PORT"), 8080),
				local(setting.apply("CDP_INGEST_PORT"), 8081), local(setting.apply("CDP_PROFILE_PORT"), 8082),
				"127.0.0.1:" + or(setting.apply("CDP_KAFKA_PORT"), "9092"), or(setting.apply("CDP_TOPICS_PREFIX"), ""),
				or(values.get("PG_URL"), "jdbc:postgresql://127.0.0.1:5432/cdp"), or(values.get("PG_USER"), "postgres"),
				or(values.get("PG_PASSWORD"), ""), secret, admin,
				(seed != null && seed.matches("\\d+")) ? Long.valueOf(seed) : null,
				(people != null && people.matches("\\d{1,9}")) ? Integer.parseInt(people) : 0);
	}

	/**
	 * Why a population of another seed than the demo's cannot be audited exactly on this
	 * stack: the population tool keeps emails and phone numbers unique within one seed's
	 * population only, so some of its people share them with the demo's, and the events
	 * that go to the other person count as splits.
	 * @param seed the seed of the population the benchmark loads
	 * @return what to tell the reader, or null when the stack holds no demo population of
	 * another seed
	 */
	public @Nullable String otherSeedCaveat(long seed) {
		if (this.demoSeed == null || this.demoPeople <= 0 || this.demoSeed == seed) {
			return null;
		}
		return "The stack holds the demo population (seed %d, %,d people) and this run's people are of seed %d: "
			.formatted(this.demoSeed, this.demoPeople, seed)
				+ "people of different seeds share some emails and phone numbers, which the platform rightly does "
				+ "not merge through, and the accuracy audit counts their events in the other person's profile as "
				+ "splits. Audit another seed on a stack started with cdp-up.sh --people 0 after cdp-down.sh --purge.";
	}

	/**
	 * A topic's name with the stack's prefix.
	 * @param name the topic's own name, such as {@code cdp.events.v1}
	 * @return the name on the broker
	 */
	public String topic(String name) {
		return this.topicsPrefix.isEmpty() ? name : this.topicsPrefix + "." + name;
	}

	private static URI local(@Nullable String port, int fallback) {
		return URI.create("http://127.0.0.1:" + or(port, String.valueOf(fallback)));
	}

	private static String or(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

}
