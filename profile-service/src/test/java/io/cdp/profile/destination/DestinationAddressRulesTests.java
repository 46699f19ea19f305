package io.cdp.profile.destination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.cdp.profile.destination.AddressRules.RefusedAddressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules against server-side request forgery, over every class of refused address, the
 * odd spellings of IPv4 addresses, IPv6 forms that carry an IPv4 address, and names that
 * resolve to refused addresses (with a resolver that answers from a table).
 */
class DestinationAddressRulesTests {

	private static final Map<String, List<String>> DNS = Map.of("hooks.example.com", List.of("93.184.215.14"),
			"internal.example.com", List.of("10.1.2.3"), "mixed.example.com", List.of("93.184.215.14", "127.0.0.1"),
			"metadata.example.com", List.of("169.254.169.254"), "v6.example.com",
			List.of("2606:2800:21f:cb07:6820:80da:af6b:8b2c"), "ula.example.com", List.of("fd12:3456::1"),
			"mapped.example.com", List.of("::ffff:192.168.1.1"));

	private static final HostResolver RESOLVER = (host) -> {
		List<String> addresses = DNS.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		return addresses.stream().map(DestinationAddressRulesTests::address).toList();
	};

	private final AddressRules rules = new AddressRules(false, List.of(), List.of(), RESOLVER);

	@ParameterizedTest
	@ValueSource(strings = { "https://hooks.example.com/cdp", "https://hooks.example.com:8443/cdp?x=1",
			"https://HOOKS.example.com./cdp", "https://93.184.215.14/hook", "https://v6.example.com/",
			"https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook" })
	void shouldAllowPublicHttpsUrls(String url) {
		assertThat(this.rules.problem(url)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/", "https://127.8.9.10/", "https://10.0.0.1/", "https://172.16.0.1/",
			"https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.1.1/", "https://169.254.169.254/latest",
			"https://100.64.0.1/", "https://100.127.255.254/", "https://0.0.0.0/", "https://0.1.2.3/",
			"https://224.0.0.1/", "https://239.255.255.250/", "https://255.255.255.255/", "https://240.0.0.1/",
			"https://192.0.0.170/", "https://198.18.0.1/" })
	void shouldRefuseSpecialIpv4Addresses(String url) {
		assertThat(this.rules.problem(url)).isNotNull().contains("is ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://[::1]/", "https://[::]/", "https://[fe80::1]/", "https://[febf::1]/",
			"https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[fd00:ec2::254]/", "https://[ff02::1]/",
			"https://[fec0::1]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
			"https://[::ffff:169.254.169.254]/", "https://[::ffff:10.0.0.1]/", "https://[::127.0.0.1]/",
			"https://[::10.0.0.1]/", "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:7f00:1::]/",
			"https://[2002:c0a8:101::1]/", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
			"https://[0:0:0:0:0:ffff:192.168.0.1]/" })
	void shouldRefuseSpecialIpv6AddressesAndIpv6FormsOfSpecialIpv4Addresses(String url) {
		assertThat(this.rules.problem(url)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://2130706433/", "https://0x7f000001/", "https://0x7f.0.0.1/", "https://0177.0.0.1/",
			"https://0177.1/", "https://127.1/", "https://127.0.1/", "https://017700000001/", "https://3232235777/",
			"https://0xa9.0xfe.0xa9.0xfe/", "https://1.2.3.4.5/", "https://08.8.8.8/", "https://010.0.0.1/",
			"https://2852039166/" })
	void shouldRefuseIpv4AddressesInDecimalOctalOrHexSpellings(String url) {
		assertThat(this.rules.problem(url)).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://localhost/", "https://LOCALHOST./", "https://api.localhost/",
			"https://metadata.google.internal/computeMetadata/v1/", "https://metadata/" })
	void shouldRefuseLocalAndMetadataNames(String url) {
		assertThat(this.rules.problem(url)).isNotNull().contains("local or cloud metadata name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://internal.example.com/", "https://mixed.example.com/",
			"https://metadata.example.com/", "https://ula.example.com/", "https://mapped.example.com/" })
	void shouldRefuseNamesResolvingToAnyRefusedAddress(String url) {
		assertThat(this.rules.problem(url)).isNotNull().contains(url.substring(8, url.length() - 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://hooks.example.com/", "ftp://hooks.example.com/", "file:///etc/passwd",
			"gopher://hooks.example.com/", "//hooks.example.com/", "hooks.example.com", "javascript:alert(1)",
			"https://user:pass@hooks.example.com/", "https://user@hooks.example.com/",
			"https://hooks.example.com@127.0.0.1/", "https://hooks.example.com/#x", "https:///path",
			"https://under_score.example.com/", "https://[fe80::1%25eth0]/", "https://hooks.example.com:0/",
			"https://unknown.example.com/", "https://exa mple.com/", "https://" })
	void shouldRefuseUrlsThatAreNotPlainHttpsToAHost(String url) {
		assertThat(this.rules.problem(url)).isNotNull();
	}

	@Test
	void shouldRefuseOverlongUrls() {
		assertThat(this.rules.problem("https://hooks.example.com/" + "a".repeat(3000))).contains("longer than");
	}

	@Test
	void shouldCheckEveryResolvedAddressAtSendTimeToo() {
		assertThat(this.rules.addresses("https://hooks.example.com/x")).extracting(InetAddress::getHostAddress)
			.containsExactly("93.184.215.14");
		assertThatThrownBy(() -> this.rules.addresses("https://mixed.example.com/x"))
			.isInstanceOf(RefusedAddressException.class)
			.hasMessageContaining("127.0.0.1")
			.hasMessageContaining("loopback");
	}

	@Test
	void shouldLetOperatorsAllowNetworksHostsAndPlainHttp() {
		AddressRules allowing = new AddressRules(true, List.of("127.0.0.1/32", "10.0.0.0/8", "fd12::/16"),
				List.of("metadata"), RESOLVER);

		assertThat(allowing.problem("http://127.0.0.1:8080/hook")).isNull();
		assertThat(allowing.problem("https://internal.example.com/")).isNull();
		assertThat(allowing.problem("https://[fd12:3456::1]/")).isNull();
		assertThat(allowing.problem("https://metadata/")).isNull();
		assertThat(allowing.problem("http://127.0.0.2/")).contains("loopback");
		assertThat(allowing.problem("https://192.168.1.1/")).contains("private");
		assertThat(allowing.problem("https://2130706433/")).contains("spelling");
		assertThat(allowing.problem("ftp://127.0.0.1/")).contains("https or http");
		assertThat(this.rules.problem("http://hooks.example.com/")).isEqualTo("must be an https URL");
	}

	@Test
	void shouldRefuseAllowancesThatAreNotNetworks() {
		assertThatThrownBy(() -> new AddressRules(false, List.of("example.com"), List.of(), RESOLVER))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("allowed-networks");
		assertThatThrownBy(() -> new AddressRules(false, List.of("10.0.0.0/33"), List.of(), RESOLVER))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(literal, ex);
		}
	}

}
