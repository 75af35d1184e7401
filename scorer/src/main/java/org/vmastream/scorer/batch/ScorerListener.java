package org.vmastream.scorer.batch;

import org.vmastream.schemas.Score;

/** Hears what the scorer did, e.g. to count it in metrics. Called on the stream thread. */
public interface ScorerListener {
    /** Does nothing. */
    ScorerListener NONE = new ScorerListener() {
    };

    /** A batch of {@code size} events of one memory set was scored in {@code nanos}. */
    default void batchScored(String memorySet, int size, long nanos) {
    }

    default void scored(Score score) {
    }

    default void deadLettered(String errorType) {
    }
}
