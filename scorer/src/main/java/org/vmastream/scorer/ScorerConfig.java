package org.vmastream.scorer;

import java.time.Duration;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.scorer.cache.TruncationPolicy;

/**
 * How events are scored.
 *
 * @param maxBatch         events scored in one pass at most
 * @param maxWait          longest an event waits for more events before its batch is computed (once the batch
 *                         before is done); zero computes whatever waits as soon as the scoring thread is free
 * @param computeThreads   threads that compute batches, shared by the instance's tasks (one batch per task at a time)
 * @param samples          importance samples K behind each bound
 * @param topK             addresses reported per score
 * @param anomaly          when an event is flagged as an anomaly
 * @param seed             seed of the sampling noise
 * @param modelName        model (key in the models topic) to follow
 * @param truncation       which memory sets are scored through a key index over their top entries
 */
public record ScorerConfig(
        int maxBatch,
        Duration maxWait,
        int computeThreads,
        int samples,
        int topK,
        AnomalyPolicy anomaly,
        long seed,
        String modelName,
        TruncationPolicy truncation) {
    public ScorerConfig {
        if (maxBatch < 1 || computeThreads < 1 || samples < 1 || topK < 0 || maxWait.isNegative()) {
            throw new IllegalArgumentException("invalid scorer configuration: " + maxBatch + ", " + maxWait + ", "
                    + computeThreads + ", " + samples + ", " + topK);
        }
    }

    public static ScorerConfig from(Settings settings) {
        ParsedSettings values = settings.parse(ScorerSettings.SCORING.definition());
        return new ScorerConfig(
                values.integer(ScorerSettings.MAX_BATCH),
                values.millis(ScorerSettings.MAX_WAIT_MS),
                values.integer(ScorerSettings.COMPUTE_THREADS),
                values.integer(ScorerSettings.SAMPLES),
                values.integer(ScorerSettings.TOP_K),
                AnomalyPolicy.from(settings),
                values.longValue(ScorerSettings.SEED),
                settings.parse(RuntimeSettings.SHARED.definition()).string(RuntimeSettings.MODEL_NAME),
                TruncationPolicy.from(settings));
    }
}
