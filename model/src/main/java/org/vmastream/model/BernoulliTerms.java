package org.vmastream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.RowParallel;

/**
 * The Bernoulli likelihood p(x|z,m) from its logits l, computed exactly and without overflow as
 * log p(x|l) = sum_d x_d l_d - softplus(l_d), softplus(l) = max(l, 0) + log(1 + e^-|l|), in Java
 * loops over native memory ({@link HostView}) instead of a chain of ND4J ops with a temporary each.
 */
final class BernoulliTerms {
    /**
     * Factors 1 + e^-|l| (each in (1, 2]) multiplied before one log is taken: 1000 of them stay
     * below 2^1000, inside the double range, so the product cannot overflow.
     */
    static final int FACTORS_PER_LOG = 1000;

    private BernoulliTerms() {}

    /**
     * log p(x|l) of every sample row and, in the same pass, d log p(x|l) / dl = x - sigmoid(l) for
     * the backward pass, so that neither x repeated K times nor sigmoid(l) is ever materialised.
     *
     * @param input   examples, B x dim, row-major
     * @param logits  logits of the B*K sample rows (row n = b * K + k), row-major; left unchanged
     * @param samples K
     * @return the log-likelihoods, and the residuals x - sigmoid(l) as a new rows x dim array
     */
    static Result of(INDArray input, INDArray logits, int samples) {
        int rows = (int) logits.rows();
        int dim = (int) logits.columns();
        double[] logLikelihood = new double[rows];
        INDArray residual = Nd4j.createUninitialized(logits.dataType(), rows, dim);
        RowParallel.inParallel(rows, (first, end) -> {
            HostView examples = HostView.of(input);
            HostView values = HostView.of(logits);
            HostView out = HostView.of(residual);
            double[] x = new double[dim];
            double[] l = new double[dim];
            double[] e = new double[dim];
            for (int n = first; n < end; n++) {
                if (n == first || n % samples == 0) {
                    examples.get((n / samples) * dim, x, dim);
                }
                values.get(n * dim, l, dim);
                double linear = 0;
                for (int d = 0; d < dim; d++) {
                    double li = l[d];
                    double exp = Math.exp(-Math.abs(li));
                    double tail = exp / (1 + exp);
                    linear += x[d] * li - Math.max(li, 0);
                    e[d] = exp;
                    // sigmoid(l) is 1 - tail for l >= 0 and tail below, each without overflow.
                    l[d] = x[d] - (li >= 0 ? 1 - tail : tail);
                }
                logLikelihood[n] = linear - logOfProduct(e);
                out.put(n * dim, l, dim);
            }
        });
        return new Result(logLikelihood, residual);
    }

    /** Per-row log-likelihoods and the rows x dim residuals x - sigmoid(l). */
    record Result(double[] logLikelihood, INDArray residual) {}

    /**
     * sum_d log(1 + e_d) for e_d = e^-|l_d|, with one log per {@value #FACTORS_PER_LOG} factors;
     * four partial products, since with one every step would wait for the previous multiplication.
     */
    static double logOfProduct(double[] exponentials) {
        double logs = 0;
        for (int start = 0; start < exponentials.length; start += FACTORS_PER_LOG) {
            int end = Math.min(exponentials.length, start + FACTORS_PER_LOG);
            double p0 = 1;
            double p1 = 1;
            double p2 = 1;
            double p3 = 1;
            int d = start;
            for (; d + 3 < end; d += 4) {
                p0 *= 1 + exponentials[d];
                p1 *= 1 + exponentials[d + 1];
                p2 *= 1 + exponentials[d + 2];
                p3 *= 1 + exponentials[d + 3];
            }
            for (; d < end; d++) {
                p0 *= 1 + exponentials[d];
            }
            logs += Math.log(p0 * p1 * p2 * p3);
        }
        return logs;
    }
}
