package org.vmastream.model.memory;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.nn.MlpTail;

/**
 * Everything the model computes from memory contents alone, computed once per (memory, parameters)
 * and shared by every query: address keys h(m_a), log p(a), and a row table with each entry's
 * contributions to q(z|m,x), p(x|z,m) and p(z|m) that a batch gathers by address.
 *
 * <p>Row table columns: encoder first-layer part (hidden1), decoder first-layer part (hidden2),
 * mean and log-variance of p(z|m_a) (latentDim each). Instances are immutable once built and are
 * valid only for the parameters they were computed with.
 *
 * <p>A training step needs only the addressing part: its forward pass computes the rest for the
 * entries its samples drew ({@code VmaModel.encodeAddressing}), and then {@code rowTable} and
 * {@code latentPrior} and {@code outputSkip} are null.
 *
 * @param entries      memory contents M, |M| x memoryDim
 * @param keys         transformed address embeddings
 * @param priorQuery   transformed learned prior query e_p (1 x e), or null with a flat prior
 * @param logPrior     log p(a) for every entry
 * @param rowTable     per-entry contributions gathered by address, |M| x (hidden1 + hidden2 + 2 latentDim),
 *                     or null in an encoding for training
 * @param latentPrior  p(z|m_a) of every entry read off the row table's last columns, or null with it
 * @param embedTrace   activations of h, kept for training
 * @param outputSkip   each entry's term g * m_a of the decoder's logits (|M| x dataDim), or null
 *                     for a model without the skip and in an encoding for training
 */
public record MemoryEncoding(
        INDArray entries,
        Similarity.Rows keys,
        Similarity.Rows priorQuery,
        double[] logPrior,
        INDArray rowTable,
        LatentPrior latentPrior,
        MlpTail.Trace embedTrace,
        INDArray outputSkip) {

    /** Whether the encoding has the per-entry row table (and output skip) that scoring gathers from. */
    public boolean hasRowTable() {
        return rowTable != null;
    }

    /** Number of entries |M|. */
    public int size() {
        return logPrior.length;
    }
}
