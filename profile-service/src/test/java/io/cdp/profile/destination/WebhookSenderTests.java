package io.cdp.profile.destination;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender connects only to addresses it checked: a receiver on this machine, reached
 * through a name whose addresses are allowed, answers; a name that resolves to an allowed
 * address when the URL is checked and to this machine when the connection is made (DNS
 * rebinding) is refused at the connection, and the receiver never hears of it.
 */
class WebhookSenderTests {

	private static final byte[] LOOPBACK = { 127, 0, 0, 1 };

	private static final byte[] PUBLIC = { (byte) 203, 0, 113, 5 };

	private HttpServer receiver;

	private final List<Map<String, List<String>>> received = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.receiver.createContext("/hook", (exchange) -> {
			this.received.add(exchange.getRequestHeaders());
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Retry-After", "7");
			exchange.sendResponseHeaders(429, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void shouldReachAReceiverWhoseAddressesAreAllowed() throws Exception {
		AddressRules rules = new AddressRules(true, List.of("127.0.0.0/8"), List.of(),
				(host) -> List.of(InetAddress.getByAddress(host, LOOPBACK)));
		try (WebhookSender sender = new WebhookSender(
				WebhookSender.client(rules, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2)), rules)) {
			WebhookSender.Outcome outcome = sender.send(url("hooks.example.com"), "{}".getBytes(),
					Map.of("CDP-Signature", "t=1,v1=abc"));

			assertThat(outcome.status()).isEqualTo(429);
			assertThat(outcome.retryAfter()).isEqualTo("7");
			assertThat(this.received).singleElement()
				.satisfies((headers) -> assertThat(headers.get("Cdp-signature")).containsExactly("t=1,v1=abc"));
		}
	}

	@Test
	void shouldRefuseANameThatResolvesElsewhereWhenTheConnectionIsMade() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		List<String> answers = new ArrayList<>();
		AddressRules rules = new AddressRules(true, List.of(), List.of(), (host) -> {
			// The check gets a public address; every later lookup this machine.
			boolean first = lookups.getAndIncrement() == 0;
			answers.add(first ? "public" : "loopback");
			return List.of(InetAddress.getByAddress(host, first ? PUBLIC : LOOPBACK));
		});
		try (WebhookSender sender = new WebhookSender(
				WebhookSender.client(rules, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2)), rules)) {
			WebhookSender.Outcome outcome = sender.send(url("rebind.example.com"), "{}".getBytes(), Map.of());

			assertThat(answers).startsWith("public", "loopback");
			assertThat(outcome.status()).isZero();
			assertThat(outcome.retryable()).isFalse();
			assertThat(outcome.description()).startsWith("the URL is refused").contains("loopback");
			assertThat(this.received).isEmpty();
		}
	}

	private String url(String host) {
		return "http://" + host + ":" + this.receiver.getAddress().getPort() + "/hook";
	}

}
