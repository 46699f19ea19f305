package io.cdp.population;

import io.cdp.population.Catalog.Campaign;
import io.cdp.population.Catalog.Device;
import io.cdp.population.Catalog.Product;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Segment messages and contexts each channel's library sends: analytics.js on the
 * web, the analytics-ios and analytics-kotlin SDKs in the app, the shop's backend, and
 * the email provider's and help desk's server-side syncs. Every channel but the web says
 * which it is in {@code context.channel}, since the demo sends all of them with one
 * source.
 */
final class SegmentMessages {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private SegmentMessages() {
	}

	static ObjectNode page(String name, ObjectNode context) {
		ObjectNode message = message("page", context);
		message.put("name", name);
		return message;
	}

	static ObjectNode screen(String name, ObjectNode context) {
		ObjectNode message = message("screen", context);
		message.put("name", name);
		return message;
	}

	static ObjectNode track(String event, ObjectNode context) {
		ObjectNode message = message("track", context);
		message.put("event", event);
		message.putObject("properties");
		return message;
	}

	static ObjectNode identify(ObjectNode context) {
		ObjectNode message = message("identify", context);
		message.putObject("traits");
		return message;
	}

	/**
	 * An alias: {@code previousId} (an anonymous id or an earlier user id) is the same
	 * person as {@code userId}. Sent by the shop's backend, so without an anonymous id of
	 * its own: the alias is the only link between the two.
	 */
	static ObjectNode alias(String previousId, String userId, ObjectNode context) {
		ObjectNode message = message("alias", context);
		message.put("previousId", previousId);
		message.put("userId", userId);
		return message;
	}

	/**
	 * The shop's backend, through analytics-node; it says no channel, so it counts as
	 * web.
	 */
	static ObjectNode serverContext() {
		ObjectNode context = JSON.createObjectNode();
		context.putObject("library").put("name", "@segment/analytics-node").put("version", "2.1.2");
		return context;
	}

	static ObjectNode webContext(String userAgent, String path, String title, @Nullable String referrer,
			@Nullable Campaign campaign) {
		ObjectNode context = JSON.createObjectNode();
		context.putObject("library").put("name", "analytics.js").put("version", "next-1.72.0");
		ObjectNode page = context.putObject("page");
		page.put("path", path)
			.put("url", Catalog.SHOP_HOST + path)
			.put("title", title + " | " + Catalog.APP_NAME)
			.put("referrer", (referrer != null) ? referrer : "");
		context.put("userAgent", userAgent);
		context.put("locale", "en-US");
		if (campaign != null) {
			context.putObject("campaign").put("source", "newsletter").put("medium", "email").put("name", campaign.id());
		}
		return context;
	}

	static ObjectNode appContext(Device device, String deviceId) {
		ObjectNode context = JSON.createObjectNode();
		boolean ios = device.type().equals("ios");
		context.putObject("library")
			.put("name", ios ? "analytics-ios" : "analytics-kotlin")
			.put("version", ios ? "4.1.8" : "1.16.3");
		context.putObject("app").put("name", Catalog.APP_NAME).put("version", "3.12.0").put("build", "3120");
		context.putObject("device")
			.put("id", deviceId)
			.put("manufacturer", device.manufacturer())
			.put("model", device.model())
			.put("type", device.type());
		context.putObject("os").put("name", device.osName()).put("version", device.osVersion());
		context.put("channel", Channel.MOBILE.wireName());
		return context;
	}

	static ObjectNode emailContext(String emailAsStored) {
		ObjectNode context = JSON.createObjectNode();
		context.putObject("library").put("name", "example-esp-sync").put("version", "2.4.0");
		context.putObject("traits").put("email", emailAsStored);
		context.put("channel", Channel.EMAIL.wireName());
		return context;
	}

	static ObjectNode supportContext() {
		ObjectNode context = JSON.createObjectNode();
		context.putObject("library").put("name", "example-helpdesk-sync").put("version", "1.9.2");
		context.put("channel", Channel.SUPPORT.wireName());
		return context;
	}

	static void putProduct(ObjectNode properties, Product product) {
		properties.put("product_id", product.sku())
			.put("sku", product.sku())
			.put("name", product.name())
			.put("category", product.category())
			.put("price", product.price())
			.put("currency", "USD");
	}

	private static ObjectNode message(String type, ObjectNode context) {
		ObjectNode message = JSON.createObjectNode();
		message.put("type", type);
		message.set("context", context);
		return message;
	}

}
