package io.cdp.profile.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRequestFilterTests {

	@Test
	void shouldAcceptPercentEncodedUtf8AndFormSpaces() {
		assertThat(ApiRequestFilter.queryErrors("identifier=email%3AJane%40Example.com+&name=Caf%C3%A9%20%F0%9F%98%80"))
			.isEmpty();
		assertThat(ApiRequestFilter.queryErrors("flag&=x&&limit=")).isEmpty();
	}

	@Test
	void shouldNameEachParameterThatIsNotUtf8OrHoldsANul() {
		assertThat(ApiRequestFilter.queryErrors("a=%FF&b=%C0%AF&c=%ED%A0%80&d=x%00&e=%zz&f=%E2%82&ok=1"))
			.containsOnlyKeys("a", "b", "c", "d", "e", "f");
	}

	@Test
	void shouldNameAParameterWhoseNameCannotBeReadAsSent() {
		assertThat(ApiRequestFilter.queryErrors("%FF=1&identifier%00=x")).containsOnlyKeys("%FF", "identifier%00");
	}

}
