package io.cdp.profile.identity;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the global store of hub identifiers ({@link #HUBS_STORE}) as the hubs topic says:
 * every instance's gather step leaves them out of linking.
 */
final class HubUpdater implements Processor<String, HubIdentifier, Void, Void> {

	static final String HUBS_STORE = "identifier-hubs";

	private @Nullable KeyValueStore<String, HubIdentifier> hubs;

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.hubs = context.getStateStore(HUBS_STORE);
	}

	@Override
	public void process(Record<String, HubIdentifier> record) {
		if (this.hubs == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		if (record.key() != null) {
			this.hubs.put(record.key(), record.value());
		}
	}

}
