package io.cdp.ingest.segment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which peers may tell the client's address in {@code X-Forwarded-For}.
 *
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of this service
 * (the gateway, a load balancer); the header is ignored from anyone else, since a client
 * could write any address into it
 */
@ConfigurationProperties("cdp.ingest.client-address")
record ClientAddressProperties(@DefaultValue( {
		"127.0.0.1", "::1" }) List<String> trustedProxies){

}
