package org.vmastream.model.bound;

/**
 * VIMCO learning signals for the address samples of one example:
 * {@code s_k = L_K - baseline_k - v_k}, where the baseline replaces sample k by a value that does
 * not depend on it, and {@code -v_k} is the part of dL_K/d log q(a_k|x) that the surrogate removes
 * from inside L_K. Signals carry no gradient.
 */
public final class VimcoSignals {
    private VimcoSignals() {}

    /**
     * @param logWeights log w_1..log w_K, K >= 2
     * @param weights    the bound and normalised weights of the same samples
     * @param kind       which leave-one-out baseline
     */
    public static double[] of(double[] logWeights, ImportanceWeights weights, LearningSignal kind) {
        int k = logWeights.length;
        if (k < 2) {
            throw new IllegalArgumentException("VIMCO needs at least 2 samples per example, got " + k);
        }
        double[] signals = new double[k];
        double[] others = new double[k];
        double logSum = 0;
        for (double v : logWeights) {
            logSum += v;
        }
        for (int i = 0; i < k; i++) {
            int m = 0;
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    others[m++] = logWeights[j];
                }
            }
            double baseline;
            if (kind == LearningSignal.PAPER) {
                baseline = logSumExp(others, k - 1) - Math.log(k - 1);
            } else {
                others[k - 1] = (logSum - logWeights[i]) / (k - 1);
                baseline = logSumExp(others, k) - Math.log(k);
            }
            signals[i] = weights.bound() - baseline - weights.weights()[i];
        }
        return signals;
    }

    private static double logSumExp(double[] values, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, values[i]);
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.exp(values[i] - max);
        }
        return max + Math.log(sum);
    }
}
