package org.vmastream.model.addressing;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The similarity S(m_a, x) between memory embeddings e_a = h(m_a) and a query embedding e_q.
 * Each kind is an inner product of a transformed query with a transformed entry ("key").
 */
public enum Similarity {
    /** The paper's choice: {@code <e_a, e_q> / ||e_a||}. */
    NORMALISED(false, true),
    /** Plain inner product {@code <e_a, e_q>}. */
    DOT(false, false),
    /** Cosine {@code <e_a, e_q> / (||e_a|| ||e_q||)}. */
    COSINE(true, true);

    /** Keeps norms away from zero; part of the function, so gradients stay exact. */
    static final double NORM_EPSILON = 1e-8;

    private final boolean normaliseQuery;
    private final boolean normaliseKey;

    Similarity(boolean normaliseQuery, boolean normaliseKey) {
        this.normaliseQuery = normaliseQuery;
        this.normaliseKey = normaliseKey;
    }

    /** A set of rows and, when normalised, their unit rows and norms (rows x 1). */
    public record Rows(INDArray raw, INDArray transformed, INDArray norms) {}

    /** Transforms memory embeddings (|M| x e) into keys. */
    public Rows keys(INDArray embeddings) {
        return transform(embeddings, normaliseKey);
    }

    /** Transforms query embeddings (B x e) into queries. */
    public Rows queries(INDArray embeddings) {
        return transform(embeddings, normaliseQuery);
    }

    /** Gradient with respect to raw key embeddings, given the gradient with respect to keys. */
    public INDArray keyGradient(Rows keys, INDArray dTransformed) {
        return normaliseKey ? unitBackward(keys, dTransformed) : dTransformed;
    }

    /** Gradient with respect to raw query embeddings, given the gradient with respect to queries. */
    public INDArray queryGradient(Rows queries, INDArray dTransformed) {
        return normaliseQuery ? unitBackward(queries, dTransformed) : dTransformed;
    }

    private static Rows transform(INDArray embeddings, boolean normalise) {
        if (!normalise) {
            return new Rows(embeddings, embeddings, null);
        }
        INDArray norms = Transforms.sqrt(embeddings.mul(embeddings).sum(true, 1).addi(NORM_EPSILON), false);
        return new Rows(embeddings, embeddings.divColumnVector(norms), norms);
    }

    /** d/de of e / ||e||: (g - u <g, u>) / ||e||, row by row. */
    private static INDArray unitBackward(Rows rows, INDArray dUnit) {
        INDArray unit = rows.transformed();
        INDArray along = dUnit.mul(unit).sum(true, 1);
        return dUnit.sub(unit.mulColumnVector(along)).diviColumnVector(rows.norms());
    }
}
