package io.cdp.profile.identity;

import io.cdp.contract.profile.ProfileRef;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the global store of identifier assignments: every instance holds, for every
 * identifier, the profile its identifier node last pointed it at, as the assignments
 * topic says once the node's transaction committed. The gather step reads it for its fast
 * path; the store may lag behind the identifier nodes, never run ahead of them.
 */
final class AssignmentUpdater implements Processor<String, ProfileRef, Void, Void> {

	static final String ASSIGNMENTS_STORE = "identifier-assignments";

	private @Nullable KeyValueStore<String, ProfileRef> assignments;

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.assignments = context.getStateStore(ASSIGNMENTS_STORE);
	}

	@Override
	public void process(Record<String, ProfileRef> record) {
		if (this.assignments == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		if (record.key() == null) {
			return;
		}
		// A null value (a tombstone) removes the identifier.
		this.assignments.put(record.key(), record.value());
	}

}
