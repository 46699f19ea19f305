package io.cdp.ingest.source;

/** How a source sends its events. */
public enum SourceKind {

	/** Segment or RudderStack SDKs and servers calling the HTTP tracking API. */
	SEGMENT,

	/** A provider's webhook, read by the provider's mapping and signature check. */
	WEBHOOK,

	/** Any JSON, read with the source's declarative mapping. */
	MAPPED

}
