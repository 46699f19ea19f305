package io.cdp.profile.destination;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the webhook destinations.
 *
 * @param secretKey the key that seals the destinations' signing secrets in PostgreSQL
 * (AES-GCM), Base64 of 16, 24 or 32 bytes; without one, destinations cannot be created
 * (and none is delivered)
 * @param allowHttp whether plain {@code http} URLs are taken (only for receivers on a
 * trusted network)
 * @param allowedNetworks networks (CIDR, or single addresses) a URL may point into
 * although they are loopback, private, link-local...
 * @param allowedHosts host names allowed without checking their addresses
 * @param groupId the consumer group of the feed, in the topics' namespace
 * @param pollInterval how often the workers look for due deliveries
 * @param connectTimeout the longest a connection to a receiver may take
 * @param readTimeout the longest a receiver may take to answer a request
 * @param retryBase the first retry's largest wait; doubled with each attempt (full
 * jitter: the wait is random between 0 and that)
 * @param retryMax the largest wait between two attempts before jitter, and the longest
 * {@code Retry-After} honoured beyond it is six hours
 * @param deliveredRetention how long delivered changes are remembered, so that a change
 * read again from Kafka is not sent again
 * @param maxDestinations how many destinations may exist
 */
@Validated
@ConfigurationProperties("cdp.destinations")
record DestinationsProperties(@DefaultValue("") String secretKey, @DefaultValue("false") boolean allowHttp,
		@DefaultValue List<String> allowedNetworks, @DefaultValue List<String> allowedHosts,
		@DefaultValue("cdp-profile-destinations") String groupId, @DefaultValue("200ms") Duration pollInterval,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("1s") Duration retryBase, @DefaultValue("10m") Duration retryMax,
		@DefaultValue("24h") Duration deliveredRetention, @Min(1) @Max(1000) @DefaultValue("100") int maxDestinations) {

}
