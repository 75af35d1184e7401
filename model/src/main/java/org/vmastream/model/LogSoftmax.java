package org.vmastream.model;

/** Numerically stable log-softmax and log-sum-exp on plain arrays. */
public final class LogSoftmax {
    private LogSoftmax() {}

    /** log-softmax of {@code logits} as a new array. */
    public static double[] of(double[] logits) {
        double[] out = new double[logits.length];
        inPlace(logits, out);
        return out;
    }

    /** Writes the log-softmax of {@code logits} into {@code out} (may be the same array). */
    static void inPlace(double[] logits, double[] out) {
        double lse = logSumExp(logits);
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - lse;
        }
    }

    /**
     * Writes the log-softmax of {@code logits} into {@code logOut} (may be the same array) and the
     * softmax into {@code out}, with one exponential per value.
     */
    public static void withProbabilities(double[] logits, double[] logOut, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        double lse = max + Math.log(sum);
        for (int i = 0; i < logits.length; i++) {
            logOut[i] = logits[i] - lse;
            out[i] /= sum;
        }
    }

    /** log sum_i exp(values[i]). */
    public static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }
}
