package org.vmastream.experiments.novelty;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How well a score ranks positives (novel) above negatives (seen): the area under the ROC curve,
 * ties counted half (the Mann-Whitney statistic), a percentile-bootstrap interval, and the curve.
 *
 * @param scores   a score per example, higher meaning more novel
 * @param positive whether each example is novel
 */
public record Roc(double[] scores, boolean[] positive) {
    /** Checks that there is one label per score. */
    public Roc {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
    }

    /** The AUROC: the probability that a random positive outscores a random negative (ties half). */
    public double auroc() {
        return auroc(scores, positive);
    }

    /**
     * A 95% percentile-bootstrap interval of the AUROC, positives and negatives resampled separately.
     *
     * @return {lower, upper}
     */
    public double[] interval(int resamples, long seed) {
        int[] pos = indices(true);
        int[] neg = indices(false);
        SplittableRandom random = new SplittableRandom(seed);
        double[] estimates = new double[resamples];
        double[] s = new double[pos.length + neg.length];
        boolean[] p = new boolean[s.length];
        Arrays.fill(p, 0, pos.length, true);
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < pos.length; i++) {
                s[i] = scores[pos[random.nextInt(pos.length)]];
            }
            for (int i = 0; i < neg.length; i++) {
                s[pos.length + i] = scores[neg[random.nextInt(neg.length)]];
            }
            estimates[r] = auroc(s, p);
        }
        Arrays.sort(estimates);
        return new double[] {
            estimates[(int) Math.floor(0.025 * (resamples - 1))], estimates[(int) Math.ceil(0.975 * (resamples - 1))]
        };
    }

    /**
     * The curve at every distinct threshold, from (0, 0) to (1, 1).
     *
     * @return {false-positive rates, true-positive rates}
     */
    public double[][] curve() {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int positives = indices(true).length;
        int negatives = scores.length - positives;
        double[] fpr = new double[scores.length + 1];
        double[] tpr = new double[scores.length + 1];
        int tp = 0;
        int fp = 0;
        int points = 1;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            if (i == order.length - 1 || scores[order[i + 1]] != scores[order[i]]) {
                fpr[points] = (double) fp / negatives;
                tpr[points] = (double) tp / positives;
                points++;
            }
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }

    private int[] indices(boolean which) {
        int[] out = new int[scores.length];
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i] == which) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double auroc(double[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "an AUROC needs positives and negatives: " + positives + ", " + negatives);
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
