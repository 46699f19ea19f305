package io.cdp.population.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.cdp.population.Person;
import io.cdp.population.PersonIdentifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Asks the profile API, with a read-only API key, for a person's profile until it shows
 * every identifier and event the population gave them: the platform has then resolved the
 * whole journey.
 */
public final class ProfileProbe {

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private final PlatformClient platform;

	private final String readKey;

	/**
	 * Creates a probe.
	 * @param gateway the platform's base URL
	 * @param readKey an API key with {@code profiles:read}
	 */
	public ProfileProbe(URI gateway, String readKey) {
		this.platform = new PlatformClient(gateway);
		this.readKey = readKey;
	}

	/**
	 * Waits until the profile found by the person's email holds all their identifiers and
	 * events.
	 * @param person the person
	 * @param events how many distinct events the person has
	 * @param timeout how long to wait at most
	 * @return the complete profile
	 * @throws LoadException if it is not complete within the timeout
	 */
	public ResolvedProfile awaitComplete(Person person, int events, Duration timeout) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		Set<String> expected = new TreeSet<>();
		person.identifiers().forEach((identifier) -> expected.add(identifier.key()));
		String lastSeen = "no profile yet";
		while (true) {
			JsonNode profile = lookup(PersonIdentifier.EMAIL + ":" + person.email());
			if (profile != null) {
				Set<String> identifiers = identifiers(profile);
				long eventCount = profile.path("computed").path("eventCount").asLong();
				if (identifiers.containsAll(expected) && eventCount >= events) {
					List<String> channels = new ArrayList<>();
					profile.path("computed").path("eventsByChannel").propertyNames().forEach(channels::add);
					return new ResolvedProfile(profile.path("profileId").asString(), eventCount,
							List.copyOf(identifiers), channels, Duration.ofNanos(System.nanoTime() - started));
				}
				lastSeen = "%d of %d events, %d of %d identifiers".formatted(eventCount, events,
						expected.stream().filter(identifiers::contains).count(), expected.size());
			}
			if (System.nanoTime() > deadline) {
				throw new LoadException("The profile of " + person.personId() + " was not complete within "
						+ timeout.toSeconds() + " s: " + lastSeen);
			}
			try {
				Thread.sleep(POLL_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new LoadException("Interrupted while waiting for the profile", ex);
			}
		}
	}

	private @Nullable JsonNode lookup(String identifier) {
		try {
			PlatformClient.Answer answer = this.platform.get(
					"/v1/profiles/lookup?identifier=" + PlatformClient.encode(identifier),
					PlatformClient.bearer(this.readKey));
			if (answer.status() == 200) {
				return answer.json();
			}
			if (answer.status() == 401 || answer.status() == 403) {
				throw new LoadException("GET /v1/profiles/lookup answered " + answer);
			}
			return null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Set<String> identifiers(JsonNode profile) {
		Set<String> keys = new TreeSet<>();
		profile.path("identifiers")
			.forEach((identifier) -> keys
				.add(identifier.path("type").asString() + ":" + identifier.path("value").asString()));
		return keys;
	}

}
