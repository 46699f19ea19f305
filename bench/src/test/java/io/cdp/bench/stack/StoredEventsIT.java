package io.cdp.bench.stack;

import java.sql.Connection;
import java.util.List;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
class StoredEventsIT {

	@Test
	void shouldFindEachEventOnceAsTheStoreFillsUpAndAskOnlyForTheMissingOnes(TestDatabase database) throws Exception {
		database.execute("CREATE SCHEMA profile", """
				CREATE TABLE profile.events (message_id text NOT NULL, occurred_at timestamptz NOT NULL,
				    PRIMARY KEY (message_id, occurred_at)) PARTITION BY RANGE (occurred_at)""",
				"CREATE TABLE profile.events_2026_01 PARTITION OF profile.events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')",
				"CREATE TABLE profile.events_2026_02 PARTITION OF profile.events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')",
				"INSERT INTO profile.events VALUES ('m-1', '2026-01-05'), ('m-2', '2026-02-07'), ('other', '2026-01-09')");
		StoredEvents events = new StoredEvents(List.of("m-1", "m-2", "m-3", "m-4", "m-1"));

		try (Connection connection = database.connect()) {
			assertThat(events.expected()).isEqualTo(4);
			assertThat(events.look(connection)).isEqualTo(2);
			assertThat(events.complete()).isFalse();

			// An event stored twice (in two months) counts once; one found before is not
			// asked for again, so removing it changes nothing.
			database.execute("INSERT INTO profile.events VALUES ('m-3', '2026-01-02'), ('m-3', '2026-02-02')",
					"DELETE FROM profile.events WHERE message_id = 'm-1'");
			assertThat(events.look(connection)).isEqualTo(3);
			assertThat(events.complete()).isFalse();

			database.execute("INSERT INTO profile.events VALUES ('m-4', '2026-02-20')");
			assertThat(events.look(connection)).isEqualTo(4);
			assertThat(events.complete()).isTrue();
			assertThat(events.stored()).isEqualTo(4);
		}
	}

}
