package io.cdp.ingest.mapping;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.cdp.ingest.mapping.MappingFixtures.json;
import static io.cdp.ingest.mapping.MappingFixtures.resource;
import static io.cdp.ingest.mapping.MappingFixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MappingCacheTests {

	private final MappingCache cache = new MappingCache();

	@Test
	void shouldParseAMappingOnceWhileItsContentStaysTheSame() {
		SourceMapping first = this.cache.mappingOf(source("src_pos", resource("pos-purchase-mapping.json")));

		// The registry reloads sources, so the same mapping arrives as a new tree.
		assertThat(this.cache.mappingOf(source("src_pos", resource("pos-purchase-mapping.json")))).isSameAs(first);
		assertThat(this.cache.mappingOf(source("src_other", resource("pos-purchase-mapping.json")))).isNotSameAs(first);
	}

	@Test
	void shouldParseAgainWhenTheMappingChanges() {
		SourceMapping first = this.cache
			.mappingOf(source("src_pos", json("{\"event\": \"/kind\", \"identifiers\": {\"email\": \"/email\"}}")));

		SourceMapping changed = this.cache
			.mappingOf(source("src_pos", json("{\"event\": \"/name\", \"identifiers\": {\"email\": \"/email\"}}")));

		assertThat(changed).isNotSameAs(first);
		assertThat(changed.event().text()).isEqualTo("/name");
	}

	@Test
	void shouldRefuseAnInvalidStoredMapping() {
		JsonNode invalid = json("{\"identifiers\": {}}");

		assertThatExceptionOfType(InvalidMappingException.class)
			.isThrownBy(() -> this.cache.mappingOf(source("src_pos", invalid)));
	}

}
