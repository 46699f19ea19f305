-- A stage quarantines through a producer outside its own transaction, so a stage that is
-- retried after a crash can quarantine the same record again, at another place on the
-- quarantine topic. The record's original place and the stage identify it: stored once.
CREATE UNIQUE INDEX dead_letters_quarantined_once ON dead_letters (stage, topic, topic_partition, topic_offset)
    WHERE kind = 'quarantined' AND topic IS NOT NULL AND topic_offset >= 0;
