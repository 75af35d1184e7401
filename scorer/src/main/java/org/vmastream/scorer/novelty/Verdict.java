package org.vmastream.scorer.novelty;

import org.vmastream.scorer.AnomalyPolicy;

/**
 * What the scorer concludes about one event's novelty: the fields of a Score beyond the model's
 * diagnostics. Null fields were not available (see the Score schema).
 *
 * @param memoryMatch the event's best match in memory, or null without exemplars
 * @param novelty     its novelty on its set's reference scale, or null without references
 * @param pValue      the conformal p-value of that novelty, or null without enough references
 * @param anomalyRate the target false-alarm rate the flag was decided at, or null when the fixed threshold decided
 * @param anomaly     the flag
 */
public record Verdict(Double memoryMatch, Double novelty, Double pValue, Double anomalyRate, boolean anomaly) {

    /**
     * @param calibration the set's calibration, or null when it has none
     * @param event       the event's terms (memory match NaN without exemplars)
     */
    public static Verdict of(AnomalyPolicy policy, NoveltyCalibration calibration, NoveltyTerms event) {
        double match = event.memoryMatch();
        double bound = event.bound();
        Double matchField = Double.isFinite(match) ? match : null;
        double novelty = calibration == null ? Double.NaN : calibration.novelty(event);
        if (!Double.isFinite(novelty)) {
            return new Verdict(matchField, null, null, null, bound < policy.fixedThreshold());
        }
        boolean enough = calibration.size() >= policy.minimumReferences();
        Double pValue = enough ? calibration.pValue(novelty) : null;
        if (policy.calibrated() && enough) {
            return new Verdict(matchField, novelty, pValue, policy.rate(), pValue <= policy.rate());
        }
        return new Verdict(matchField, novelty, pValue, null, bound < policy.fixedThreshold());
    }
}
