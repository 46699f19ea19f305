package io.cdp.gateway.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the audit, newest first.
 *
 * @param items the rows of the page
 * @param nextCursor pass as {@code cursor}, with the same filters, for the next page;
 * null on the last page
 */
record AuditPage(List<AuditRow> items, @Nullable String nextCursor) {

	AuditPage {
		items = List.copyOf(items);
	}

}
