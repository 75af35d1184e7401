package org.vmastream.scorer;

import org.vmastream.runtime.settings.Settings;

/**
 * When an event counts as an anomaly.
 *
 * @param fixedThreshold bound (nats) below which an event is flagged, always (quantile 0) or until warmed up
 * @param quantile       0 for the fixed threshold; else the threshold is this quantile of recent bounds
 * @param window         recent bounds per memory set the quantile is taken over
 * @param warmup         bounds a set needs before its quantile replaces the fixed threshold
 */
public record AnomalyPolicy(double fixedThreshold, double quantile, int window, int warmup) {
    public AnomalyPolicy {
        if (!(quantile >= 0 && quantile < 1) || window < 1 || warmup < 1 || warmup > window) {
            throw new IllegalArgumentException("invalid anomaly policy: quantile " + quantile + " must be in [0, 1),"
                    + " window " + window + " and warmup " + warmup + " positive with warmup <= window");
        }
    }

    /** A fixed threshold. */
    public static AnomalyPolicy fixed(double threshold) {
        return new AnomalyPolicy(threshold, 0, 1, 1);
    }

    public static AnomalyPolicy from(Settings settings) {
        return new AnomalyPolicy(settings.decimal("scorer.anomaly.threshold"), settings.decimal("scorer.anomaly.quantile"),
                settings.positiveInteger("scorer.anomaly.window"), settings.positiveInteger("scorer.anomaly.warmup"));
    }
}
