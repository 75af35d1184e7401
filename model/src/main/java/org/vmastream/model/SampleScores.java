package org.vmastream.model;

/**
 * The outcome of a scoring pass ({@link VmaModel#score}): K importance samples per example with the
 * terms the diagnostics need, held in Java arrays so that it outlives any workspace the pass ran in.
 * Sample rows are ordered example-major: row {@code n = b * K + k}.
 *
 * <p>With {@link org.vmastream.model.addressing.TruncatedAddressing truncated addressing}, q(a|x_b) is
 * held over example b's candidate entries only: {@link #addressSupport} names them, and the address
 * arrays are as long as it is.
 */
public final class SampleScores {
    private final int samples;
    private final double[][] logQ;
    private final double[][] q;
    private final int[][] support;
    private final int[] addresses;
    private final double[] logWeights;
    private final double[] reconstruction;
    private final double[] klLatent;

    SampleScores(
            int samples,
            double[][] logQ,
            double[][] q,
            int[][] support,
            int[] addresses,
            double[] logWeights,
            double[] reconstruction,
            double[] klLatent) {
        this.samples = samples;
        this.logQ = logQ;
        this.q = q;
        this.support = support;
        this.addresses = addresses;
        this.logWeights = logWeights;
        this.reconstruction = reconstruction;
        this.klLatent = klLatent;
    }

    /** Number of examples B. */
    public int batch() {
        return logWeights.length / samples;
    }

    /** Samples per example K. */
    public int samples() {
        return samples;
    }

    /** log w of one sample, with every term (including -log q(a|x)). */
    public double logWeight(int b, int k) {
        return logWeights[b * samples + k];
    }

    /** log p(x|z,m_a) of one sample. */
    public double reconstruction(int b, int k) {
        return reconstruction[b * samples + k];
    }

    /** KL(q(z|m_a,x) || p(z|m_a)) of one sample's address, analytic in z. */
    public double klLatent(int b, int k) {
        return klLatent[b * samples + k];
    }

    /** The sampled address of one sample (0 for the memory-less model). */
    public int address(int b, int k) {
        return addresses == null ? 0 : addresses[b * samples + k];
    }

    /**
     * The entries that example b's address arrays are over, or null when they are over every entry
     * of the memory in order (exact addressing, or no memory).
     */
    public int[] addressSupport(int b) {
        return support == null ? null : support[b];
    }

    /** log q(a|x_b) over {@link #addressSupport its entries} (a fresh copy), or null for the memory-less model. */
    public double[] addressPosterior(int b) {
        return logQ == null ? null : logQ[b].clone();
    }

    /**
     * Copies log q(a|x_b) and q(a|x_b) over {@link #addressSupport its entries} into arrays at least that
     * long, for callers that read many examples without allocating per example; false (nothing copied)
     * for the memory-less model.
     */
    public boolean copyAddressing(int b, double[] logQInto, double[] qInto) {
        if (logQ == null) {
            return false;
        }
        System.arraycopy(logQ[b], 0, logQInto, 0, logQ[b].length);
        System.arraycopy(q[b], 0, qInto, 0, q[b].length);
        return true;
    }

    /** q(a|x_b) over {@link #addressSupport its entries} (a fresh copy), or null for the memory-less model. */
    public double[] addressProbabilities(int b) {
        return q == null ? null : q[b].clone();
    }
}
