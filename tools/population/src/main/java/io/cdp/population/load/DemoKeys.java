package io.cdp.population.load;

/**
 * What the demo set-up created. The keys are shown once by the platform; keep them.
 *
 * @param adminApiKey an API key with the {@code admin} scope
 * @param readApiKey an API key with {@code profiles:read} and {@code events:read}
 * @param sourceId the demo source's id
 * @param writeKey the demo source's write key
 */
public record DemoKeys(String adminApiKey, String readApiKey, String sourceId, String writeKey) {

}
