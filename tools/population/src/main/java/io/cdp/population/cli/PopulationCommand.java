package io.cdp.population.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.cdp.population.Channel;
import io.cdp.population.Delivery;
import io.cdp.population.GeneratedEvent;
import io.cdp.population.HardCase;
import io.cdp.population.HardCaseKind;
import io.cdp.population.Person;
import io.cdp.population.Population;
import io.cdp.population.PopulationGenerator;
import io.cdp.population.PopulationSettings;
import io.cdp.population.load.AlreadySetUpException;
import io.cdp.population.load.DemoKeys;
import io.cdp.population.load.DemoSetup;
import io.cdp.population.load.LoadException;
import io.cdp.population.load.LoadReport;
import io.cdp.population.load.PopulationLoader;
import io.cdp.population.load.ProfileProbe;
import io.cdp.population.load.ResolvedProfile;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code java -jar population-exec.jar <command> [--option value ...]}: see
 * {@link #USAGE}. Every option can come from the environment variable named beside it.
 */
public final class PopulationCommand {

	static final String USAGE = """
			Usage: java -jar population-<version>-exec.jar <command> [--option value ...]

			Commands:
			  generate  Write a population as JSON lines: one delivery a line, with the person it belongs to
			            (and, for a person in a hard case, its kind).
			            --people N (CDP_DEMO_PEOPLE, 1000)  --seed S (CDP_DEMO_SEED, 42)
			            --hard-cases SHARE (CDP_DEMO_HARD_CASES, 0): the share of people in hard cases for identity
			              resolution (shared devices and emails, junk ids, alias chains), such as 0.1
			            --until ISO-8601 instant (now)  --out FILE (required)  --truth FILE (the people, optional)
			  setup     Create the demo's admin and read-only API keys and its segment source.
			            --gateway URL (CDP_GATEWAY_URL, http://localhost:8080)
			            --bootstrap-admin-key KEY (CDP_BOOTSTRAP_ADMIN_KEY, required)
			            --out FILE (the keys, readable by the owner only)
			  load      Generate a population and post it through the gateway's /v1/batch, then wait
			            until the profile API shows the showcase person's whole journey.
			            --gateway URL (CDP_GATEWAY_URL, http://localhost:8080)
			            --write-key KEY (CDP_DEMO_WRITE_KEY, required)  --read-key KEY (CDP_READ_API_KEY)
			            --people N (CDP_DEMO_PEOPLE, 1000)  --seed S (CDP_DEMO_SEED, 42)
			            --hard-cases SHARE (CDP_DEMO_HARD_CASES, 0)  --wait SECONDS (CDP_DEMO_WAIT_SECONDS, 300)  --out FILE (the showcase person)
			  demo      setup, then load (for docker compose); does nothing if the demo keys exist.
			            The options of both, and --public-gateway URL (CDP_PUBLIC_GATEWAY_URL) for the
			            printed curl command.
			""";

	private final Function<String, @Nullable String> environment;

	private final PrintStream out;

	PopulationCommand(Function<String, @Nullable String> environment, PrintStream out) {
		this.environment = environment;
		this.out = out;
	}

	public static void main(String[] arguments) {
		System.exit(new PopulationCommand(System::getenv, System.out).run(arguments));
	}

	int run(String[] arguments) {
		if (arguments.length == 0) {
			this.out.print(USAGE);
			return 2;
		}
		try {
			Options options = new Options(arguments, 1, this.environment);
			return switch (arguments[0]) {
				case "generate" -> generate(options);
				case "setup" -> setup(options);
				case "load" -> load(options);
				case "demo" -> demo(options);
				default -> throw new Options.UsageException("Unknown command " + arguments[0]);
			};
		}
		catch (Options.UsageException ex) {
			this.out.println(ex.getMessage());
			this.out.print(USAGE);
			return 2;
		}
		catch (LoadException | IOException ex) {
			this.out.println("Failed: " + ex.getMessage());
			return 1;
		}
	}

	private int generate(Options options) throws IOException {
		Population population = PopulationGenerator.generate(settings(options));
		Path out = Path.of(options.required("out", "CDP_DEMO_OUT"));
		JsonMapper json = JsonMapper.builder().build();
		Map<String, HardCase> hardCases = population.hardCaseByPersonId();
		try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
			for (Delivery delivery : population.deliveries()) {
				ObjectNode line = json.createObjectNode();
				line.put("personId", delivery.event().personId())
					.put("channel", delivery.event().channel().wireName())
					.put("attempt", delivery.attempt());
				HardCase hardCase = hardCases.get(delivery.event().personId());
				if (hardCase != null) {
					line.put("hardCase", hardCase.kind().name());
				}
				line.set("message", json.readTree(delivery.event().json()));
				writer.write(json.writeValueAsString(line));
				writer.newLine();
			}
		}
		String truth = options.optional("truth", "CDP_DEMO_TRUTH");
		if (truth != null) {
			try (BufferedWriter writer = Files.newBufferedWriter(Path.of(truth), StandardCharsets.UTF_8)) {
				for (Person person : population.people()) {
					writer.write(json.writeValueAsString(person));
					writer.newLine();
				}
			}
		}
		describe(population);
		return 0;
	}

	private int setup(Options options) throws IOException {
		DemoKeys keys = createKeys(options);
		String out = options.optional("out", "CDP_DEMO_KEYS_OUT");
		if (out != null) {
			EnvFile.write(Path.of(out), keysFile(keys));
			this.out.println("Keys written to " + out);
		}
		return 0;
	}

	private int load(Options options) throws IOException {
		URI gateway = URI.create(options.withDefault("gateway", "CDP_GATEWAY_URL", "http://localhost:8080"));
		Map<String, String> showcase = loadPopulation(options, gateway,
				options.required("write-key", "CDP_DEMO_WRITE_KEY"), options.optional("read-key", "CDP_READ_API_KEY"));
		String out = options.optional("out", "CDP_DEMO_OUT");
		if (out != null) {
			EnvFile.write(Path.of(out), showcase);
		}
		return 0;
	}

	private int demo(Options options) throws IOException {
		URI gateway = URI.create(options.withDefault("gateway", "CDP_GATEWAY_URL", "http://localhost:8080"));
		DemoKeys keys;
		try {
			keys = createKeys(options);
		}
		catch (AlreadySetUpException ex) {
			this.out.println("The demo was set up on this platform before: " + ex.getMessage());
			this.out.println("Nothing to do; the keys were printed when it was set up.");
			return 0;
		}
		Map<String, String> showcase = loadPopulation(options, gateway, keys.writeKey(), keys.readApiKey());
		this.out.println();
		this.out.println("Admin API key:     " + keys.adminApiKey());
		this.out.println("Read-only API key: " + keys.readApiKey());
		String publicGateway = options.withDefault("public-gateway", "CDP_PUBLIC_GATEWAY_URL", gateway.toString());
		this.out.println("Try:");
		this.out.println("  curl -sG -H 'Authorization: Bearer " + keys.readApiKey() + "' " + publicGateway
				+ "/v1/profiles/lookup --data-urlencode 'identifier=email:" + showcase.get("CDP_DEMO_EMAIL_AS_WRITTEN")
				+ "'");
		return 0;
	}

	private DemoKeys createKeys(Options options) {
		URI gateway = URI.create(options.withDefault("gateway", "CDP_GATEWAY_URL", "http://localhost:8080"));
		this.out.println("Creating the demo API keys and source at " + gateway);
		DemoKeys keys = new DemoSetup(gateway).run(options.required("bootstrap-admin-key", "CDP_BOOTSTRAP_ADMIN_KEY"));
		this.out.println("  source " + keys.sourceId() + " created");
		return keys;
	}

	private Map<String, String> loadPopulation(Options options, URI gateway, String writeKey,
			@Nullable String readKey) {
		PopulationSettings settings = settings(options);
		Population population = PopulationGenerator.generate(settings);
		describe(population);
		LoadReport report = new PopulationLoader(gateway, writeKey, this.out::println).load(population);
		this.out.printf("Sent %,d messages in %,d requests in %.1f s: %,.0f messages/s%n", report.messages(),
				report.requests(), report.took().toNanos() / 1e9, report.messagesPerSecond());
		if (!report.rejections().isEmpty()) {
			report.rejections().stream().limit(5).forEach((rejection) -> this.out.println("  rejected: " + rejection));
			throw new LoadException(report.rejections().size() + " messages were rejected");
		}
		Person showcase = population.showcase();
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CDP_DEMO_PEOPLE", String.valueOf(settings.people()));
		values.put("CDP_DEMO_SEED", String.valueOf(settings.seed()));
		values.put("CDP_DEMO_EVENTS", String.valueOf(population.events().size()));
		values.put("CDP_DEMO_MESSAGES_PER_SECOND", "%.0f".formatted(report.messagesPerSecond()));
		values.put("CDP_DEMO_PERSON", showcase.firstName() + " " + showcase.lastName());
		values.put("CDP_DEMO_EMAIL", showcase.email());
		values.put("CDP_DEMO_PHONE", (showcase.phone() != null) ? showcase.phone() : "");
		values.put("CDP_DEMO_EMAIL_AS_WRITTEN", asWritten(population, showcase, "email", showcase.email()));
		values.put("CDP_DEMO_PHONE_AS_WRITTEN",
				asWritten(population, showcase, "phone", (showcase.phone() != null) ? showcase.phone() : ""));
		if (readKey != null) {
			Duration wait = Duration.ofSeconds(options.number("wait", "CDP_DEMO_WAIT_SECONDS", 300));
			this.out.println("Waiting for the profile of " + showcase.firstName() + " " + showcase.lastName() + " <"
					+ showcase.email() + "> to show the whole journey");
			ResolvedProfile profile = new ProfileProbe(gateway, readKey).awaitComplete(showcase,
					population.eventsOf(showcase.personId()).size(), wait);
			this.out.printf("  complete %.1f s after the last message: profile %s, %d events from %s, %d identifiers%n",
					profile.waited().toNanos() / 1e9, profile.profileId(), profile.eventCount(), profile.channels(),
					profile.identifiers().size());
			values.put("CDP_DEMO_PROFILE_ID", profile.profileId());
			values.put("CDP_DEMO_RESOLVED_SECONDS", "%.1f".formatted(profile.waited().toNanos() / 1e9));
		}
		return values;
	}

	/**
	 * How one of the person's channels wrote an identifier differently from its
	 * normalised form, to look the profile up by; the normalised form if none did.
	 */
	private static String asWritten(Population population, Person person, String trait, String normalised) {
		JsonMapper json = JsonMapper.builder().build();
		for (GeneratedEvent event : population.eventsOf(person.personId())) {
			String written = json.readTree(event.json()).path("traits").path(trait).asString("");
			if (!written.isEmpty() && !written.equals(normalised)) {
				return written;
			}
		}
		return normalised;
	}

	private PopulationSettings settings(Options options) {
		int people = options.number("people", "CDP_DEMO_PEOPLE", 1000);
		long seed = options.number("seed", "CDP_DEMO_SEED", 42);
		String until = options.optional("until", "CDP_DEMO_UNTIL");
		double hardCases = options.share("hard-cases", "CDP_DEMO_HARD_CASES", PopulationSettings.NO_HARD_CASES);
		return PopulationSettings
			.of(seed, people, (until != null) ? Instant.parse(until) : Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.withHardCases(hardCases);
	}

	private void describe(Population population) {
		Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
		for (GeneratedEvent event : population.events()) {
			byChannel.merge(event.channel(), 1, Integer::sum);
		}
		long retries = population.deliveries().stream().filter(Delivery::isRetry).count();
		this.out.printf("Population: %,d people, %,d events %s, %,d messages with %,d SDK retries%n",
				population.people().size(), population.events().size(), byChannel, population.deliveries().size(),
				retries);
		if (!population.hardCases().isEmpty()) {
			Map<HardCaseKind, Integer> peopleByKind = new EnumMap<>(HardCaseKind.class);
			population.hardCases()
				.forEach((hardCase) -> peopleByKind.merge(hardCase.kind(), hardCase.personIds().size(), Integer::sum));
			this.out.printf("Hard cases: %,d people in %,d cases, people by kind %s%n",
					population.hardCaseByPersonId().size(), population.hardCases().size(), peopleByKind);
		}
	}

	private static Map<String, String> keysFile(DemoKeys keys) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("CDP_ADMIN_API_KEY", keys.adminApiKey());
		values.put("CDP_READ_API_KEY", keys.readApiKey());
		values.put("CDP_DEMO_SOURCE_ID", keys.sourceId());
		values.put("CDP_DEMO_WRITE_KEY", keys.writeKey());
		return values;
	}

}
