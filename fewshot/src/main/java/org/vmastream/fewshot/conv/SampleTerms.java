package org.vmastream.fewshot.conv;

/**
 * Per-sample terms of log w from one forward pass, rows n = b K + k.
 *
 * @param logPx log p(x | z_n, m_{a_n})
 * @param logPz log p(z_n | m_{a_n})
 * @param logQz log q(z_n | m_{a_n}, x)
 * @param klZ   KL(q(z | m_{a_n}, x) || p(z | m_{a_n})), analytic
 */
public record SampleTerms(float[] logPx, float[] logPz, float[] logQz, float[] klZ) {
    /** log p(x|z,m) + log p(z|m) - log q(z|m,x) of row n: log w_n without the address terms. */
    public double continuousLogWeight(int n) {
        return (double) logPx[n] + logPz[n] - logQz[n];
    }
}
