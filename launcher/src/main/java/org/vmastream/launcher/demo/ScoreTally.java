package org.vmastream.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vmastream.launcher.novelty.Roc;
import org.vmastream.schemas.Score;

/**
 * Running totals of the scores the demo reads back from the score topic, overall and per true
 * label of the event (which the scorer never sees: the demo knows it from the data it sent).
 * Thread-safe: one thread adds, another prints.
 */
final class ScoreTally {
    /** Totals of one group of scores. */
    static final class Totals {
        long count;
        long anomalies;
        long predictedRight;
        long predicted;
        long headRight;
        long headPredicted;
        double bound;
        double klAddress;
        double klLatent;
        double latency;
        double novelty;
        long calibrated;

        synchronized void add(Score score, String trueLabel) {
            count++;
            if (score.getNovelty() != null) {
                novelty += score.getNovelty();
                calibrated++;
            }
            anomalies += score.getAnomaly() ? 1 : 0;
            bound += score.getBound();
            klAddress += score.getKlAddress();
            klLatent += score.getKlLatent();
            latency += score.getLatencyMillis();
            if (score.getPredictedLabel() != null && trueLabel != null) {
                predicted++;
                predictedRight += score.getPredictedLabel().equals(trueLabel) ? 1 : 0;
            }
            if (score.getHeadLabel() != null && trueLabel != null) {
                headPredicted++;
                headRight += score.getHeadLabel().equals(trueLabel) ? 1 : 0;
            }
        }

        synchronized Summary summary() {
            return new Summary(
                    count,
                    mean(bound),
                    mean(klAddress),
                    mean(klLatent),
                    mean(latency),
                    count == 0 ? Double.NaN : (double) anomalies / count,
                    predicted == 0 ? Double.NaN : (double) predictedRight / predicted,
                    headPredicted == 0 ? Double.NaN : (double) headRight / headPredicted,
                    calibrated == 0 ? Double.NaN : novelty / calibrated);
        }

        private double mean(double sum) {
            return count == 0 ? Double.NaN : sum / count;
        }
    }

    /**
     * Means over a group; the accuracies are those of q(a|x)'s predicted label and of the label head's,
     * NaN when no score had one.
     */
    record Summary(
            long count,
            double bound,
            double klAddress,
            double klLatent,
            double latencyMillis,
            double anomalyRate,
            double labelAccuracy,
            double headAccuracy,
            double novelty) {}

    private final Map<String, String> trueLabels;
    private final Totals all = new Totals();
    private final Map<String, Totals> byLabel = new ConcurrentHashMap<>();
    private final Map<Long, Long> byModelVersion = new ConcurrentHashMap<>();
    /** True label and novelty of every score that has one, for the AUROC of the unseen digit. */
    private final List<String> noveltyLabels = new ArrayList<>();

    private final List<Double> novelties = new ArrayList<>();

    /** @param trueLabels event id to its true label, filled by whoever sends the events */
    ScoreTally(Map<String, String> trueLabels) {
        this.trueLabels = trueLabels;
    }

    void add(Score score) {
        String label = trueLabels.get(score.getEventId());
        all.add(score, label);
        byLabel.computeIfAbsent(label == null ? "?" : label, l -> new Totals()).add(score, label);
        byModelVersion.merge(score.getModelVersion(), 1L, Long::sum);
        if (score.getNovelty() != null && label != null) {
            synchronized (novelties) {
                noveltyLabels.add(label);
                novelties.add(score.getNovelty());
            }
        }
    }

    /**
     * How well novelty tells events of {@code label} from all others: the AUROC over every score
     * with a novelty so far; NaN until both kinds were scored.
     */
    double novelAuroc(String label) {
        synchronized (novelties) {
            double[] scores = new double[novelties.size()];
            boolean[] positive = new boolean[scores.length];
            int positives = 0;
            for (int i = 0; i < scores.length; i++) {
                scores[i] = novelties.get(i);
                positive[i] = noveltyLabels.get(i).equals(label);
                positives += positive[i] ? 1 : 0;
            }
            return positives == 0 || positives == scores.length ? Double.NaN : new Roc(scores, positive).auroc();
        }
    }

    Summary overall() {
        return all.summary();
    }

    /** Per true label, sorted by label. */
    Map<String, Summary> perLabel() {
        Map<String, Summary> out = new TreeMap<>();
        byLabel.forEach((label, totals) -> out.put(label, totals.summary()));
        return out;
    }

    /** Scores per model version, sorted by version. */
    Map<Long, Long> modelVersions() {
        return new TreeMap<>(byModelVersion);
    }
}
