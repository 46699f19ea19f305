package io.cdp.ingest.segment;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTests {

	private final ClientAddressResolver resolver = new ClientAddressResolver(
			new ClientAddressProperties(List.of("127.0.0.1", "10.0.0.0/8", "172.16.0.0/12", "fd00::/8")));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "198.51.100.7 | 203.0.113.9 | 198.51.100.7", "10.1.2.3 | 203.0.113.9 | 203.0.113.9",
					"172.20.0.5 | 203.0.113.9, 10.0.0.1 | 203.0.113.9",
					"10.1.2.3 | 6.6.6.6, 203.0.113.9, 10.0.0.1 | 203.0.113.9", "172.32.0.1 | 203.0.113.9 | 172.32.0.1",
					"fd12::1 | 2001:db8::1 | 2001:db8::1", "10.1.2.3 | 10.0.0.2, 10.0.0.1 | 10.1.2.3" })
	void shouldTakeTheRightMostUntrustedForwardedAddressOnlyFromTrustedPeers(String peer, String forwardedFor,
			String expected) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);

		assertThat(this.resolver.clientAddress(request)).isEqualTo(expected);
	}

	@Test
	void shouldUseThePeerWhenNoHeaderIsSent() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.9.9.9");

		assertThat(this.resolver.clientAddress(request)).isEqualTo("10.9.9.9");
	}

	@Test
	void shouldRejectAConfiguredProxyThatIsNotAnAddress() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientAddressResolver(new ClientAddressProperties(List.of("gateway.internal"))))
			.withMessageContaining("gateway.internal");
	}

}
