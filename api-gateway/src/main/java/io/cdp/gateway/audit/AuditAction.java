package io.cdp.gateway.audit;

/** What an audited request did. */
enum AuditAction {

	/** Read a profile's data. */
	READ("read"),

	/** Changed something through the admin API. */
	CHANGE("change");

	private final String wireName;

	AuditAction(String wireName) {
		this.wireName = wireName;
	}

	/** As stored and as the audit API shows it. */
	String wireName() {
		return this.wireName;
	}

}
