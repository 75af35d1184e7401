package org.vmastream.scorer.batch;

import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

/** Hears what the scorer did, e.g. to count it in metrics. Called on the stream thread. */
public interface ScorerListener {
    /** Does nothing. */
    ScorerListener NONE = new ScorerListener() {};

    /** A batch of {@code size} events of one memory set was scored in {@code nanos}. */
    default void batchScored(String memorySet, int size, long nanos) {}

    /** {@code event} was scored as {@code score}. */
    default void scored(ScoreRequest event, Score score) {}

    default void deadLettered(String errorType) {}

    /** The {@code count} references of a memory set were scored (again) with model version {@code modelVersion}. */
    default void referencesScored(String memorySet, int count, long modelVersion) {}

    /** Both listeners, {@code first} first. */
    static ScorerListener both(ScorerListener first, ScorerListener second) {
        return new ScorerListener() {
            @Override
            public void batchScored(String memorySet, int size, long nanos) {
                first.batchScored(memorySet, size, nanos);
                second.batchScored(memorySet, size, nanos);
            }

            @Override
            public void scored(ScoreRequest event, Score score) {
                first.scored(event, score);
                second.scored(event, score);
            }

            @Override
            public void deadLettered(String errorType) {
                first.deadLettered(errorType);
                second.deadLettered(errorType);
            }

            @Override
            public void referencesScored(String memorySet, int count, long modelVersion) {
                first.referencesScored(memorySet, count, modelVersion);
                second.referencesScored(memorySet, count, modelVersion);
            }
        };
    }
}
