package io.cdp.profile.audience;

import io.cdp.contract.json.ContractJson;
import io.cdp.profile.audience.Condition.All;
import io.cdp.profile.audience.Condition.Any;
import io.cdp.profile.audience.Condition.Channel;
import io.cdp.profile.audience.Condition.ComputedTrait;
import io.cdp.profile.audience.Condition.Consent;
import io.cdp.profile.audience.Condition.Cx;
import io.cdp.profile.audience.Condition.Identifier;
import io.cdp.profile.audience.Condition.Journey;
import io.cdp.profile.audience.Condition.Not;
import io.cdp.profile.audience.Condition.NotPerformed;
import io.cdp.profile.audience.Condition.Performed;
import io.cdp.profile.audience.Condition.Trait;
import io.cdp.profile.audience.EventCounter.PropertyCondition;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a condition back as the JSON the parser reads, in one canonical form: what the
 * admin API shows and what a definition is stored and published as.
 */
final class ConditionJson {

	private ConditionJson() {
	}

	static ObjectNode write(Condition condition) {
		ObjectNode json = ContractJson.mapper().createObjectNode();
		switch (condition) {
			case All all -> all.conditions().forEach((item) -> json.withArray("all").add(write(item)));
			case Any any -> any.conditions().forEach((item) -> json.withArray("any").add(write(item)));
			case Not not -> json.set("not", write(not.condition()));
			case Trait trait -> comparison(json.put("trait", String.join(".", trait.path())), trait.comparison());
			case ComputedTrait computed ->
				comparison(json.put("computedTrait", computed.name()), computed.comparison());
			case Journey journey -> {
				ObjectNode body = json.putObject("journey");
				if (!journey.stages().isEmpty()) {
					journey.stages().stream().sorted().forEach(body.putArray("stage")::add);
				}
				if (!journey.statuses().isEmpty()) {
					journey.statuses().stream().sorted().forEach(body.putArray("status")::add);
				}
			}
			case Cx cx -> comparison(json.put("cx", cx.path().path()), cx.comparison());
			case Identifier identifier -> json.put("identifier", identifier.type());
			case Channel channel -> json.put("channel", channel.channel())
				.put(channel.seen() ? "seenWithinDays" : "notSeenForDays", channel.days());
			case Performed performed -> {
				ObjectNode body = counter(json.putObject("performed"), performed.counter());
				body.put("atLeast", performed.atLeast());
				if (performed.atMost() >= 0) {
					body.put("atMost", performed.atMost());
				}
				body.put("withinDays", performed.withinDays());
			}
			case NotPerformed notPerformed -> counter(json.putObject("notPerformed"), notPerformed.counter())
				.put("withinDays", notPerformed.withinDays());
			case Consent consent -> json.put("consent", consent.purpose());
		}
		return json;
	}

	static ObjectNode counter(ObjectNode body, EventCounter counter) {
		body.put("event", counter.event());
		if (!counter.where().isEmpty()) {
			ArrayNode where = body.putArray("where");
			for (PropertyCondition condition : counter.where()) {
				comparison(where.addObject().put("property", String.join(".", condition.property())),
						condition.comparison());
			}
		}
		return body;
	}

	private static void comparison(ObjectNode json, Comparison comparison) {
		json.put("op", comparison.op().wireName());
		if (comparison.value() != null) {
			json.set("value", comparison.value());
		}
	}

}
