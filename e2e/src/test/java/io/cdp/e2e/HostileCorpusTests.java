package io.cdp.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The hostile-input corpus is well-formed and broad, and its template language makes the
 * bytes it promises, so that a run of {@link HostileInputIT} fails only on the platform.
 */
class HostileCorpusTests {

	private static final RequestTemplate.Bindings BINDINGS = new RequestTemplate.Bindings() {

		@Override
		public String writeKey(String source) {
			return "wk-" + source;
		}

		@Override
		public String sourceId(String source) {
			return "src_" + source;
		}

		@Override
		public String profileId() {
			return "profile-1";
		}

		@Override
		public String cursor() {
			return "cursor-1";
		}

	};

	@Test
	void holdsAtLeastThreeHundredCasesAcrossEveryArea() {
		List<HostileCase> corpus = HostileCorpus.load();
		Map<String, Long> byArea = corpus.stream()
			.collect(Collectors.groupingBy(HostileCase::area, Collectors.counting()));
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
		assertThat(byArea.keySet()).containsExactlyInAnyOrderElementsOf(HostileCase.AREAS);
		assertThat(corpus).filteredOn(HostileCase::direct).hasSizeGreaterThan(50);
	}

	@Test
	void expandsEveryCaseWithoutError() {
		for (HostileCase hostileCase : HostileCorpus.load()) {
			RequestTemplate template = new RequestTemplate(BINDINGS, "hc-" + hostileCase.id() + "-g");
			assertThatNoException().as("case %s (line %d)", hostileCase.id(), hostileCase.line()).isThrownBy(() -> {
				template.expand(hostileCase.target());
				hostileCase.headers().forEach(template::expand);
				if (hostileCase.body() != null) {
					template.expand(hostileCase.body().replaceFirst("^gzip(-truncated)?:", ""));
				}
			});
			assertThat(template.messageIds()).allSatisfy((id) -> assertThat(id).hasSizeLessThanOrEqualTo(100));
		}
	}

	@Test
	void writesRawBytesButLeavesJsonEscapesAsText() {
		RequestTemplate template = new RequestTemplate(BINDINGS, "hc-x-g");
		assertThat(template.expand("a\\xFF\\x00b")).containsExactly('a', 0xFF, 0x00, 'b');
		assertThat(new String(template.expand("\"\\ud800\""), StandardCharsets.UTF_8)).isEqualTo("\"\\ud800\"");
	}

	@Test
	void numbersMessageIdsInOrder() {
		RequestTemplate template = new RequestTemplate(BINDINGS, "hc-x-g");
		String body = new String(template.expand("[@list(3,{\"messageId\":\"@mid\",\"n\":@i})]"),
				StandardCharsets.UTF_8);
		assertThat(body).isEqualTo("[{\"messageId\":\"hc-x-g0\",\"n\":0},{\"messageId\":\"hc-x-g1\",\"n\":1},"
				+ "{\"messageId\":\"hc-x-g2\",\"n\":2}]");
		assertThat(template.messageIds()).containsExactly("hc-x-g0", "hc-x-g1", "hc-x-g2");
	}

	@Test
	void nestsAndEncodes() {
		RequestTemplate template = new RequestTemplate(BINDINGS, "hc-x-g");
		assertThat(template.expandText("@deep(2)")).isEqualTo("{\"a\":{\"a\":1}}");
		assertThat(template.expandText("@deeparr(3)")).isEqualTo("[[[]]]");
		assertThat(template.expandText("@b64url(\\xFF\\xFE)")).isEqualTo("__4");
		assertThat(template.expandText("@b64(@key(web):)")).isEqualTo("d2std2ViOg==");
		assertThat(template.expand("@enc(UTF-16LE,{})")).containsExactly('{', 0, '}', 0);
		assertThat(template.expandText("@source(web)/@profile/@cursor@uniq"))
			.isEqualTo("src_web/profile-1/cursor-1u-x-g");
	}

	@Test
	void refusesAMalformedRow() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostileCase.parse("only\tthree\tcells", 7))
			.withMessageContaining("line 7");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HostileCase.parse("x\ttracking\tgateway\tPOST\t/v1/track\tsomeone\t-\t-\t-\t-\twhy", 8))
			.withMessageContaining("auth");
	}

}
