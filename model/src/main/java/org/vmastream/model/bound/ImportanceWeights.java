package org.vmastream.model.bound;

/**
 * The K-sample bound of one example and its normalised importance weights.
 *
 * @param bound   L_K = log (1/K) sum_k w_k
 * @param weights v_k = w_k / sum_j w_j
 */
public record ImportanceWeights(double bound, double[] weights) {

    /** From log w_1..log w_K. */
    public static ImportanceWeights of(double[] logWeights) {
        int k = logWeights.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logWeights) {
            max = Math.max(max, v);
        }
        double[] weights = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            weights[i] = Math.exp(logWeights[i] - max);
            sum += weights[i];
        }
        for (int i = 0; i < k; i++) {
            weights[i] /= sum;
        }
        return new ImportanceWeights(max + Math.log(sum) - Math.log(k), weights);
    }

    /** log (1/K) sum_k exp(logWeights[k]), the bound alone. */
    public static double bound(double[] logWeights) {
        return of(logWeights).bound();
    }
}
