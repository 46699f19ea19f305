package io.cdp.ingest.webhook;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cdp.contract.event.Channel;
import io.cdp.ingest.source.NewSource;
import io.cdp.ingest.source.SourceConfigurationCheck;

import org.springframework.stereotype.Component;

/**
 * A webhook source must name a provider this service has, and takes that provider's
 * channel when it names none.
 */
@Component
class WebhookSourceCheck implements SourceConfigurationCheck {

	private final List<WebhookProvider> providers;

	WebhookSourceCheck(List<WebhookProvider> providers) {
		this.providers = providers;
	}

	@Override
	public Map<String, String> check(NewSource source) {
		if (!"webhook".equalsIgnoreCase(source.kind())) {
			return Map.of();
		}
		if (provider(source).isEmpty()) {
			return Map.of("provider",
					"provider must be one of " + this.providers.stream().map(WebhookProvider::name).sorted().toList());
		}
		return Map.of();
	}

	@Override
	public Optional<Channel> defaultChannel(NewSource source) {
		return "webhook".equalsIgnoreCase(source.kind()) ? provider(source).map(WebhookProvider::defaultChannel)
				: Optional.empty();
	}

	private Optional<WebhookProvider> provider(NewSource source) {
		return this.providers.stream().filter((provider) -> provider.name().equals(source.provider())).findFirst();
	}

}
