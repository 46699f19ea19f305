package io.cdp.profile.cx;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.EventType;
import io.cdp.profile.cx.CxProperties.Operator;
import io.cdp.profile.cx.CxProperties.Rule;
import io.cdp.profile.cx.CxProperties.Stage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class CxPropertiesTests {

	@Test
	void shouldBindTheDefaultsWhenNothingIsConfigured() {
		CxProperties properties = bind(Map.of("cdp.cx.journey.gap-factor", "3.0"));

		assertThat(properties.events()).isEqualTo(CxProperties.Events.defaults());
		assertThat(properties.journey()).isEqualTo(CxProperties.Journey.defaults());
		assertThat(properties.rules().stages())
			.containsExactlyEntriesOf(new TreeMap<>(CxProperties.Journey.defaultStages()));
	}

	@Test
	void shouldReplaceTheRulesOfOneStageAndKeepTheOthers() {
		CxProperties properties = bind(Map.of("cdp.cx.journey.stages.advocacy.rules[0].events[0]", "Referral Sent",
				"cdp.cx.journey.stages.advocacy.rules[1].events[0]", "NPS Survey Submitted",
				"cdp.cx.journey.stages.advocacy.rules[1].conditions[0].property", "score",
				"cdp.cx.journey.stages.advocacy.rules[1].conditions[0].operator", "gte",
				"cdp.cx.journey.stages.advocacy.rules[1].conditions[0].value", "10",
				"cdp.cx.journey.stages.evaluation.rules[0].types", "page,screen",
				"cdp.cx.journey.stages.evaluation.rules[0].channels", "mobile", "cdp.cx.journey.at-risk-after", "14d",
				"cdp.cx.events.nps-answered", "Survey Answered"));

		CxRules rules = properties.rules();

		Stage advocacy = rules.stages().get(JourneyStage.ADVOCACY);
		assertThat(advocacy.rules()).hasSize(2);
		assertThat(advocacy.rules().get(0).events()).containsExactly("Referral Sent");
		assertThat(advocacy.rules().get(1).conditions().get(0).operator()).isEqualTo(Operator.GTE);
		Rule evaluation = rules.stages().get(JourneyStage.EVALUATION).rules().get(0);
		assertThat(evaluation.types()).containsExactly(EventType.PAGE, EventType.SCREEN);
		assertThat(evaluation.channels()).containsExactly(Channel.MOBILE);
		assertThat(evaluation.minCount()).isEqualTo(1);
		assertThat(rules.stages().get(JourneyStage.RETENTION))
			.isEqualTo(CxProperties.Journey.defaultStages().get(JourneyStage.RETENTION));
		assertThat(rules.atRiskAfter()).isEqualTo(Duration.ofDays(14));
		assertThat(properties.events().npsAnswered()).isEqualTo(List.of("Survey Answered"));
		assertThat(properties.events().orderCompleted()).isEqualTo(List.of("Order Completed"));
	}

	private static CxProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cdp.cx", CxProperties.class);
	}

}
