package org.vmastream.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vmastream.experiments.novelty.Roc;
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

    /**
     * The scores of one model version, or of all: totals per true label, and every score's true label and
     * novelty for the AUROC of a label against the rest.
     */
    static final class Group {
        private final Long modelVersion;
        private final Map<String, Totals> byLabel = new ConcurrentHashMap<>();
        private final List<String> noveltyLabels = new ArrayList<>();
        private final List<Double> novelties = new ArrayList<>();
        private long count;

        private Group(Long modelVersion) {
            this.modelVersion = modelVersion;
        }

        private synchronized void add(Score score, String label) {
            count++;
            byLabel.computeIfAbsent(label == null ? "?" : label, l -> new Totals())
                    .add(score, label);
            if (score.getNovelty() != null && label != null) {
                noveltyLabels.add(label);
                novelties.add(score.getNovelty());
            }
        }

        /** The model version whose scores these are, or null for every version's. */
        Long modelVersion() {
            return modelVersion;
        }

        synchronized long count() {
            return count;
        }

        /** Per true label, sorted by label. */
        synchronized Map<String, Summary> perLabel() {
            Map<String, Summary> out = new TreeMap<>();
            byLabel.forEach((label, totals) -> out.put(label, totals.summary()));
            return out;
        }

        /**
         * How well novelty tells events of {@code label} from all others: the AUROC over every score
         * of the group with a novelty; NaN until both kinds were scored.
         */
        synchronized double novelAuroc(String label) {
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

    private final Map<String, String> trueLabels;
    private final Totals all = new Totals();
    private final Group everything = new Group(null);
    private final Map<Long, Group> byModelVersion = new ConcurrentHashMap<>();

    /** @param trueLabels event id to its true label, filled by whoever sends the events */
    ScoreTally(Map<String, String> trueLabels) {
        this.trueLabels = trueLabels;
    }

    void add(Score score) {
        String label = trueLabels.get(score.getEventId());
        all.add(score, label);
        everything.add(score, label);
        byModelVersion.computeIfAbsent(score.getModelVersion(), Group::new).add(score, label);
    }

    Summary overall() {
        return all.summary();
    }

    /** Every score so far. */
    Group everything() {
        return everything;
    }

    /**
     * The scores of the newest model version that has at least {@code minimum} of them: how the model
     * in use does, without the scores of the untrained versions before it; every score while no version
     * has that many.
     */
    Group latest(long minimum) {
        return byModelVersion.entrySet().stream()
                .filter(e -> e.getValue().count() >= minimum)
                .max(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .orElse(everything);
    }

    /** Scores per model version, sorted by version. */
    Map<Long, Long> modelVersions() {
        Map<Long, Long> out = new TreeMap<>();
        byModelVersion.forEach((version, group) -> out.put(version, group.count()));
        return out;
    }
}
