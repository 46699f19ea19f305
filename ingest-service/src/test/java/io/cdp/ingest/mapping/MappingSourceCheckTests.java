package io.cdp.ingest.mapping;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.NewSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cdp.ingest.mapping.MappingFixtures.json;
import static io.cdp.ingest.mapping.MappingFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

class MappingSourceCheckTests {

	private final MappingSourceCheck check = new MappingSourceCheck();

	@Test
	void shouldAcceptAMappedSourceWithAValidMapping() {
		assertThat(this.check.check(source("mapped", resource("pos-purchase-mapping.json")))).isEmpty();
		assertThat(this.check.check(source(" Mapped ", resource("pos-purchase-mapping.json")))).isEmpty();
	}

	@Test
	void shouldRequireAMappingOfAMappedSource() {
		assertThat(this.check.check(source("mapped", null))).containsOnlyKeys("mapping");
	}

	@Test
	void shouldNameEachInvalidFieldOfTheMapping() {
		JsonNode mapping = json("{\"event\": \"kind\", \"identifiers\": {\"Email\": \"/email\"}}");

		assertThat(this.check.check(source("mapped", mapping))).containsOnlyKeys("mapping.event",
				"mapping.identifiers.Email");
	}

	@Test
	void shouldLeaveOtherKindsOfSourceAlone() {
		JsonNode invalid = json("{\"colour\": \"blue\"}");

		assertThat(this.check.check(source("segment", invalid))).isEmpty();
		assertThat(this.check.check(source(null, invalid))).isEmpty();
		assertThat(this.check.defaultChannel(source("webhook", null))).isEmpty();
	}

	@Test
	void shouldPutAMappedSourceOnTheServerChannelByDefault() {
		assertThat(this.check.defaultChannel(source("mapped", null))).contains(Channel.SERVER);
	}

	private static NewSource source(String kind, JsonNode mapping) {
		return new NewSource("Point of sale", null, kind, null, null, mapping);
	}

}
