package io.cdp.population;

import java.util.List;

/**
 * The fictional business and its people's names: an online outfitter with a web shop, an
 * app, newsletters and a help desk. Names come from many languages, a few with accents,
 * as a real customer base has them.
 */
final class Catalog {

	static final String SHOP_HOST = "https://shop.example.com";

	static final String APP_NAME = "Example Outfitters";

	static final List<String> FIRST_NAMES = List.of("Ada", "Alan", "Amara", "Anja", "Aiko", "Bruno", "Carmen", "Chloé",
			"Dmitri", "Elif", "Emma", "Farid", "Fatima", "Grace", "Hana", "Hugo", "Ingrid", "Isaac", "Jamal", "Jana",
			"José", "Kai", "Kenji", "Lars", "Leila", "Liam", "Lucía", "Maya", "Mateo", "Mei", "Nadia", "Noah", "Nora",
			"Olga", "Omar", "Priya", "Rafael", "Rosa", "Sami", "Sara", "Søren", "Tariq", "Theo", "Uma", "Valentina",
			"Wei", "Yara", "Yusuf", "Zoë", "Zara");

	static final List<String> LAST_NAMES = List.of("Abe", "Adeyemi", "Andersen", "Becker", "Bianchi", "Chen", "Costa",
			"Dubois", "Fischer", "García", "Gonzalez", "Haddad", "Hansen", "Ivanova", "Jensen", "Kim", "Kowalski",
			"Larsen", "Lee", "Lopez", "Martin", "Müller", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel",
			"Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Suzuki", "Tanaka", "Torres",
			"Walker", "Wang", "Williams", "Yilmaz", "Zhang");

	/** Reserved for documentation (RFC 2606), so no real inbox receives anything. */
	static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.org", "example.net", "mail.example.com");

	/**
	 * US area codes; numbers are 555 numbers in them, which the phone plan keeps for
	 * fiction.
	 */
	static final List<String> AREA_CODES = List.of("201", "202", "206", "212", "213", "214", "215", "303", "305", "312",
			"313", "404", "412", "415", "503", "504", "512", "602", "612", "617", "646", "702", "704", "713", "718",
			"720", "773", "786", "801", "804", "808", "813", "816", "832", "858", "901", "917", "919", "925", "971");

	static final List<City> CITIES = List.of(new City("New York", "NY", "America/New_York"),
			new City("Seattle", "WA", "America/Los_Angeles"), new City("Austin", "TX", "America/Chicago"),
			new City("Chicago", "IL", "America/Chicago"), new City("Miami", "FL", "America/New_York"),
			new City("Denver", "CO", "America/Denver"), new City("Boston", "MA", "America/New_York"),
			new City("Portland", "OR", "America/Los_Angeles"), new City("San Francisco", "CA", "America/Los_Angeles"),
			new City("Atlanta", "GA", "America/New_York"));

	static final List<Product> PRODUCTS = List.of(new Product("TRL-RUN-42", "Trail running shoes", "Footwear", 129.00),
			new Product("HIK-BOT-09", "Waterproof hiking boots", "Footwear", 179.00),
			new Product("JKT-RAIN-M", "Packable rain jacket", "Outerwear", 89.50),
			new Product("JKT-DOWN-L", "Down jacket", "Outerwear", 219.00),
			new Product("FLC-ZIP-S", "Fleece half-zip", "Layers", 59.90),
			new Product("TEE-MER-M", "Merino T-shirt", "Layers", 45.00),
			new Product("PNT-HIK-32", "Hiking trousers", "Bottoms", 74.00),
			new Product("SCK-WOL-3P", "Wool socks, 3 pairs", "Accessories", 24.00),
			new Product("CAP-SUN-OS", "Sun cap", "Accessories", 19.50),
			new Product("BAG-DAY-25", "Daypack 25 l", "Packs", 95.00),
			new Product("BTL-STL-75", "Steel bottle 0.75 l", "Accessories", 29.00),
			new Product("TNT-2P-LT", "Two-person tent", "Camping", 349.00));

	static final List<String> WEB_PAGES = List.of("Home", "Category", "Product", "Search", "Stores", "Journal");

	static final List<String> APP_SCREENS = List.of("Home", "Category", "Product", "Search", "Wishlist", "Orders");

	static final List<Campaign> CAMPAIGNS = List.of(
			new Campaign("cmp-welcome", "Welcome series", "Welcome to Example Outfitters", "/welcome"),
			new Campaign("cmp-spring", "Spring collection", "The spring collection is here", "/c/spring"),
			new Campaign("cmp-trail", "Trail season", "Ready for the trails?", "/c/footwear"),
			new Campaign("cmp-sale", "Mid-season sale", "Up to 40% off outerwear", "/sale"),
			new Campaign("cmp-camping", "Camping guide", "Your weekend camping checklist", "/journal/camping"),
			new Campaign("cmp-cart", "Cart reminder", "You left something in your cart", "/cart"),
			new Campaign("cmp-review", "Review request", "How is your order?", "/orders"));

	static final List<String> TICKET_SUBJECTS = List.of("Where is my order?", "Parcel arrived damaged",
			"I want to return an item", "Wrong size delivered", "Refund not received yet", "Cannot log in to the app",
			"Change my delivery address", "Discount code does not work");

	static final List<String> GOOD_COMMENTS = List.of("Quick and friendly, thank you!", "Solved in one reply.",
			"Great service.", "");

	static final List<String> BAD_COMMENTS = List.of("Took far too long.", "I had to explain it three times.",
			"Still waiting for my refund.", "");

	static final List<String> BROWSERS = List.of(
			"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
			"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
			"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");

	static final List<Device> DEVICES = List.of(new Device("ios", "Apple", "iPhone15,2", "iOS", "17.4.1"),
			new Device("ios", "Apple", "iPhone14,5", "iOS", "17.3"),
			new Device("android", "samsung", "SM-S911B", "Android", "14"),
			new Device("android", "Google", "Pixel 8", "Android", "14"),
			new Device("android", "Xiaomi", "23049PCD8G", "Android", "13"));

	private Catalog() {
	}

	record City(String name, String state, String timeZone) {

	}

	record Product(String sku, String name, String category, double price) {

	}

	record Campaign(String id, String name, String subject, String landingPath) {

	}

	record Device(String type, String manufacturer, String model, String osName, String osVersion) {

	}

}
