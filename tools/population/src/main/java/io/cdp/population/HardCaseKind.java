package io.cdp.population;

/**
 * The kinds of people that make identity resolution hard: each tempts a resolver that
 * links every two identifiers seen on one message into a wrong merge or a split.
 */
public enum HardCaseKind {

	/**
	 * Two or three people of one household who each log in on the family tablet: their
	 * events carry the tablet's device id beside their own user id. They stay apart.
	 */
	SHARED_DEVICE("shared device", "2–3 people, each logged in with their own user id on one family tablet"),

	/**
	 * Two people with their own user ids who both identify with one household email. They
	 * stay apart.
	 */
	SHARED_EMAIL("shared email", "2 people, each with their own user id, identify with one household email"),

	/**
	 * A person whose events carry a placeholder that names nobody (the zeroed device id,
	 * {@code test@test.com}, {@code unknown}, {@code anonymous}, {@code -1}) beside their
	 * own user id or anonymous id. Everyone with such a value shares it, so it links
	 * nobody.
	 */
	JUNK_VALUES("junk values",
			"events carry a placeholder id (zeroed device id, test@test.com, unknown, anonymous, -1) beside the person's own"),

	/**
	 * A person anonymous as {@code a}, then aliased {@code a → b}, then {@code b → c},
	 * with events as {@code b} and as {@code c}, whose messages reach the platform in a
	 * random or the reverse order. One person.
	 */
	ALIAS_CHAIN("alias chain",
			"anonymous a, alias a → user b, alias b → user c; the person's messages sent in random or reverse order"),

	/**
	 * A person some of whose events carry their user id as the anonymous id too. One
	 * person.
	 */
	SAME_ID("same id in both namespaces", "some events carry the person's user id as their anonymousId as well");

	private final String label;

	private final String description;

	HardCaseKind(String label, String description) {
		this.label = label;
		this.description = description;
	}

	/**
	 * The kind's name in a report.
	 * @return a short lower-case name, such as {@code shared device}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * What a case of the kind is, in one line.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

}
