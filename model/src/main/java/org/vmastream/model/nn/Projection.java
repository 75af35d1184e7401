package org.vmastream.model.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A bias-free linear map {@code x -> x W}. Several networks that read the same input share one
 * projection whose columns are their first layers side by side, so that one large matrix
 * product replaces several small ones; each network then adds its own bias (see {@link MlpTail}).
 */
public final class Projection {
    private final ParameterSet.Block weight;

    /** Uses the given weight block (inputs x outputs). */
    public Projection(ParameterSet.Block weight) {
        this.weight = weight;
    }

    /** Block specification for a projection. */
    public static ParameterSet.BlockSpec spec(String name, int inputs, int outputs) {
        return new ParameterSet.BlockSpec(name, inputs, outputs, ParameterRole.WEIGHT);
    }

    /** {@code input W}, a new array of rows x outputs. */
    public INDArray forward(INDArray input) {
        return MatrixOps.multiply(input, weight.value(), false, false);
    }

    /**
     * Accumulates {@code input^T dOutput} into the weight gradient and returns {@code dOutput W^T}
     * when {@code needInputGradient}, else null.
     */
    public INDArray backward(INDArray input, INDArray dOutput, boolean needInputGradient) {
        MatrixOps.accumulate(input, dOutput, weight.gradient(), true, false);
        return needInputGradient ? MatrixOps.multiply(dOutput, weight.value(), false, true) : null;
    }

    /**
     * {@code input W[:, from:to]}, a new array of rows x (to - from): the first layers of only some of
     * the networks that share this projection.
     */
    public INDArray forward(INDArray input, int from, int to) {
        return MatrixOps.multiply(input, columns(weight.value(), from, to), false, false);
    }

    /**
     * The backward pass of {@link #forward(INDArray, int, int)}: accumulates {@code input^T dOutput}
     * into columns [from, to) of the weight gradient and returns {@code dOutput W[:, from:to]^T} when
     * {@code needInputGradient}, else null.
     */
    public INDArray backward(INDArray input, INDArray dOutput, int from, int to, boolean needInputGradient) {
        MatrixOps.accumulate(input, dOutput, columns(weight.gradient(), from, to), true, false);
        return needInputGradient ? MatrixOps.multiply(dOutput, columns(weight.value(), from, to), false, true) : null;
    }

    private static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** Number of output columns. */
    public int outputs() {
        return weight.cols();
    }

    /** The weight matrix (a view into the model's parameters). */
    public INDArray weight() {
        return weight.value();
    }
}
