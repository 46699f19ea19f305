package io.cdp.contract.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTypeAndChannelTests {

	@ParameterizedTest
	@CsvSource({ "TRACK, track", "IDENTIFY, identify", "PAGE, page", "SCREEN, screen", "GROUP, group", "ALIAS, alias" })
	void shouldWriteEventTypesInLowerCase(EventType type, String wireName) {
		assertThat(type.wireName()).isEqualTo(wireName);
	}

	@ParameterizedTest
	@CsvSource({ "WEB, web", "MOBILE, mobile", "EMAIL, email", "SUPPORT, support", "SERVER, server" })
	void shouldWriteChannelsInLowerCase(Channel channel, String wireName) {
		assertThat(channel.wireName()).isEqualTo(wireName);
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void shouldReadEventTypesIgnoringCase(EventType type) {
		assertThat(EventType.fromWireName(type.wireName())).isEqualTo(type);
		assertThat(EventType.fromWireName(type.name())).isEqualTo(type);
	}

	@ParameterizedTest
	@EnumSource(Channel.class)
	void shouldReadChannelsIgnoringCase(Channel channel) {
		assertThat(Channel.fromWireName(channel.wireName())).isEqualTo(channel);
		assertThat(Channel.fromWireName(channel.name())).isEqualTo(channel);
	}

	@Test
	void shouldListKnownValuesWhenReadingAnUnknownOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> Channel.fromWireName("sms"))
			.withMessage("unknown Channel 'sms'; expected one of web, mobile, email, support, server");
		assertThatIllegalArgumentException().isThrownBy(() -> EventType.fromWireName("click"))
			.withMessageContaining("'click'");
	}

}
