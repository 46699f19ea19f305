package io.cdp.ingest.webhook;

import java.time.Duration;

import io.cdp.contract.event.Channel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The providers as Spring finds them: one bean each, with the configured tolerance. */
class WebhookProvidersTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(ProvidersOnly.class);

	@Test
	void shouldRegisterOneBeanPerProviderWithItsNameAndChannel() {
		this.context.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(WebhookProvider.class).values())
				.extracting(WebhookProvider::name, WebhookProvider::defaultChannel)
				.containsExactlyInAnyOrder(tuple("sendgrid", Channel.EMAIL), tuple("mailgun", Channel.EMAIL),
						tuple("zendesk", Channel.SUPPORT), tuple("intercom", Channel.SUPPORT),
						tuple("postmark", Channel.EMAIL));
		});
	}

	@Test
	void shouldDefaultTheSignatureToleranceToFiveMinutes() {
		this.context.run((context) -> assertThat(context.getBean(WebhookSignatureProperties.class).tolerance())
			.isEqualTo(Duration.ofMinutes(5)));
	}

	@Test
	void shouldBindAConfiguredSignatureTolerance() {
		this.context.withPropertyValues("cdp.ingest.webhook.signature.tolerance=90s")
			.run((context) -> assertThat(context.getBean(WebhookSignatureProperties.class).tolerance())
				.isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void shouldRefuseToStartWithANonPositiveTolerance() {
		this.context.withPropertyValues("cdp.ingest.webhook.signature.tolerance=0s")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebhookSignatureProperties.class)
	@ComponentScan(basePackageClasses = WebhookProvider.class, useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = WebhookProvider.class))
	static class ProvidersOnly {

	}

}
