package org.vmastream.scorer;

import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.runtime.settings.SettingsException;

/**
 * When an event counts as an anomaly.
 *
 * @param rate              target false-alarm rate: flag when the event's novelty p-value against its
 *                          set's references is at most this; 0 flags by {@code fixedThreshold} alone
 * @param fixedThreshold    bound (nats) below which an event is flagged when the rate is 0, or while its
 *                          set has too few scored references
 * @param minimumReferences scored references a set needs before its p-values decide the flag
 * @param refresh           share of a memory set (or of its reference pool) that must have changed since
 *                          the references were scored before they are scored again (a new model version
 *                          always re-scores them)
 */
public record AnomalyPolicy(double rate, double fixedThreshold, int minimumReferences, double refresh) {
    public AnomalyPolicy {
        if (!(rate >= 0 && rate < 1)) {
            throw new SettingsException("scorer.anomaly.rate", String.valueOf(rate), "must be in [0, 1)");
        }
        if (minimumReferences < 1) {
            throw new SettingsException(
                    "scorer.reference.minimum", String.valueOf(minimumReferences), "must be at least 1");
        }
        if (!(refresh > 0 && refresh <= 1)) {
            throw new SettingsException("scorer.reference.refresh", String.valueOf(refresh), "must be in (0, 1]");
        }
    }

    /** A fixed threshold on the bound, no p-values. */
    public static AnomalyPolicy fixed(double threshold) {
        return new AnomalyPolicy(0, threshold, 1, 1);
    }

    /** Whether p-values decide the flag (once a set has enough references). */
    public boolean calibrated() {
        return rate > 0;
    }

    public static AnomalyPolicy from(Settings settings) {
        ParsedSettings values = settings.parse(ScorerSettings.SCORING.definition());
        return new AnomalyPolicy(
                values.decimal(ScorerSettings.ANOMALY_RATE),
                values.decimal(ScorerSettings.ANOMALY_THRESHOLD),
                values.integer(ScorerSettings.REFERENCE_MINIMUM),
                values.decimal(ScorerSettings.REFERENCE_REFRESH));
    }
}
