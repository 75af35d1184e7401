package org.vmastream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.MlpTail;

/**
 * One forward pass of K importance samples per example, with what the backward pass needs.
 * Sample rows are ordered example-major: row {@code n = b * K + k}. Produced by
 * {@link VmaModel#forward}; valid only while the model's parameters are unchanged.
 */
public final class ImportancePass {
    final INDArray x;
    final int batch;
    final int samples;
    final MemoryEncoding memory;
    final int[] addresses;
    /** The entries the samples drew, with their row table; null without memory. */
    final AddressedEntries addressed;

    final double[][] logQ;
    final Similarity.Rows queries;
    final MlpTail.Trace queryTrace;
    final MlpTail.Trace encoderTrace;
    final MlpTail.Trace decoderTrace;
    /** x - sigmoid(logits) per sample row: d log p(x|z,m_a) / d logits. */
    final INDArray residual;

    final INDArray gathered;
    final INDArray epsilon;
    final INDArray sigmaQ;
    final INDArray z;
    final double[] reconstruction;
    final double[] logPz;
    final double[] logQz;
    final double[] klLatent;
    final double[] logPa;
    final double[] logQa;

    ImportancePass(
            INDArray x,
            int samples,
            MemoryEncoding memory,
            int[] addresses,
            AddressedEntries addressed,
            double[][] logQ,
            Similarity.Rows queries,
            MlpTail.Trace queryTrace,
            MlpTail.Trace encoderTrace,
            MlpTail.Trace decoderTrace,
            INDArray residual,
            INDArray gathered,
            INDArray epsilon,
            INDArray sigmaQ,
            INDArray z,
            double[] reconstruction,
            double[] logPz,
            double[] logQz,
            double[] klLatent,
            double[] logPa,
            double[] logQa) {
        this.x = x;
        this.batch = (int) x.rows();
        this.samples = samples;
        this.memory = memory;
        this.addresses = addresses;
        this.addressed = addressed;
        this.logQ = logQ;
        this.queries = queries;
        this.queryTrace = queryTrace;
        this.encoderTrace = encoderTrace;
        this.decoderTrace = decoderTrace;
        this.residual = residual;
        this.gathered = gathered;
        this.epsilon = epsilon;
        this.sigmaQ = sigmaQ;
        this.z = z;
        this.reconstruction = reconstruction;
        this.logPz = logPz;
        this.logQz = logQz;
        this.klLatent = klLatent;
        this.logPa = logPa;
        this.logQa = logQa;
    }

    /** Number of examples B. */
    public int batch() {
        return batch;
    }

    /** Distinct memory entries the samples addressed (0 without memory). */
    public int entriesDrawn() {
        return addressed == null ? 0 : addressed.unique().length;
    }

    /** Samples per example K. */
    public int samples() {
        return samples;
    }

    /** log w for every example and sample, B x K. */
    public double[][] logWeights() {
        double[][] logW = new double[batch][samples];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < samples; k++) {
                logW[b][k] = logWeightWithoutAddressPosterior(b, k) - logQa[b * samples + k];
            }
        }
        return logW;
    }

    /**
     * log p(x|z,m_a) + log p(z|m_a) + log p(a) - log q(z|m_a,x) for one sample: log w without the
     * -log q(a|x) term, which the VIMCO surrogate holds constant for the address parameters.
     */
    public double logWeightWithoutAddressPosterior(int b, int k) {
        int n = b * samples + k;
        return reconstruction[n] + logPz[n] - logQz[n] + logPa[n];
    }

    /** log q(a_n|x_b) of the sampled address of row n. */
    public double logAddressPosterior(int b, int k) {
        return logQa[b * samples + k];
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

    /** The memory encoding used, or null for the memory-less model. */
    public MemoryEncoding memory() {
        return memory;
    }

    /** log q(a|x_b) over all entries (a fresh copy), or null for the memory-less model. */
    public double[] addressPosterior(int b) {
        return logQ == null ? null : logQ[b].clone();
    }
}
