package org.vmastream.model.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An MLP from the pre-activation of its first hidden layer onward: add bias, ReLU, then dense
 * layers with ReLU between them and a linear output. The first layer's matrix product is done
 * elsewhere (a {@link Projection}, possibly fused with other networks or summed over several inputs).
 */
public final class MlpTail {
    private final ParameterSet.Block firstBias;
    private final List<ParameterSet.Block> weights;
    private final List<ParameterSet.Block> biases;

    /** Activations kept for the backward pass: the input of every dense layer, and the output. */
    public record Trace(List<INDArray> layerInputs, INDArray output) {}

    /**
     * @param params the model's parameters, holding the blocks named by {@link #specs}
     * @param prefix the block name prefix used in {@link #specs}
     * @param widths first hidden width, further hidden widths, output width
     */
    public MlpTail(ParameterSet params, String prefix, int... widths) {
        this.firstBias = params.block(prefix + ".b0");
        this.weights = new ArrayList<>();
        this.biases = new ArrayList<>();
        for (int i = 1; i < widths.length; i++) {
            weights.add(params.block(prefix + ".w" + i));
            biases.add(params.block(prefix + ".b" + i));
        }
    }

    /** The parameter blocks of a tail with these widths (first hidden, more hidden..., output). */
    public static List<ParameterSet.BlockSpec> specs(String prefix, int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP tail needs a hidden and an output width");
        }
        List<ParameterSet.BlockSpec> specs = new ArrayList<>();
        specs.add(new ParameterSet.BlockSpec(prefix + ".b0", 1, widths[0], ParameterRole.BIAS));
        for (int i = 1; i < widths.length; i++) {
            specs.add(new ParameterSet.BlockSpec(prefix + ".w" + i, widths[i - 1], widths[i], ParameterRole.WEIGHT));
            specs.add(new ParameterSet.BlockSpec(prefix + ".b" + i, 1, widths[i], ParameterRole.BIAS));
        }
        return specs;
    }

    /**
     * Runs the tail. {@code firstPreActivation} (rows x first width, without bias) is overwritten:
     * callers pass an array they no longer need.
     */
    public Trace forward(INDArray firstPreActivation) {
        List<INDArray> inputs = new ArrayList<>(weights.size());
        INDArray last = hidden(firstPreActivation, inputs);
        inputs.add(last);
        return new Trace(inputs, layer(last, weights.size() - 1));
    }

    /**
     * Runs every layer but the linear output layer and returns that layer's input, for callers
     * that fuse the output layer into what they compute from it (see {@link #outputWeight()}).
     * {@code firstPreActivation} is overwritten as in {@link #forward}.
     */
    public INDArray lastHidden(INDArray firstPreActivation) {
        return hidden(firstPreActivation, null);
    }

    /** The output layer's weight matrix (last hidden width x output width). */
    public INDArray outputWeight() {
        return weights.get(weights.size() - 1).value();
    }

    /** The output layer's bias (1 x output width). */
    public INDArray outputBias() {
        return biases.get(biases.size() - 1).value();
    }

    /** Every hidden layer; records the input of each dense layer but the last in {@code inputs} if given. */
    private INDArray hidden(INDArray firstPreActivation, List<INDArray> inputs) {
        INDArray activation = MatrixOps.addBiasRelu(firstPreActivation, firstBias.value());
        for (int i = 0; i + 1 < weights.size(); i++) {
            if (inputs != null) {
                inputs.add(activation);
            }
            activation = MatrixOps.addBiasRelu(
                    MatrixOps.multiply(activation, weights.get(i).value(), false, false),
                    biases.get(i).value());
        }
        return activation;
    }

    /** Dense layer i before its activation: {@code input W_i + b_i}. */
    private INDArray layer(INDArray input, int i) {
        return MatrixOps.addRowVector(
                MatrixOps.multiply(input, weights.get(i).value(), false, false),
                biases.get(i).value());
    }

    /**
     * Accumulates parameter gradients for {@code dOutput} (d objective / d output) and returns the
     * gradient with respect to the first pre-activation. {@code dOutput} may be overwritten.
     */
    public INDArray backward(Trace trace, INDArray dOutput) {
        INDArray delta = dOutput;
        for (int i = weights.size() - 1; i >= 0; i--) {
            INDArray input = trace.layerInputs().get(i);
            MatrixOps.accumulate(input, delta, weights.get(i).gradient(), true, false);
            MatrixOps.accumulateColumnSums(delta, biases.get(i).gradient());
            delta = MatrixOps.multiply(delta, weights.get(i).value(), false, true);
            MatrixOps.reluBackward(delta, input);
        }
        MatrixOps.accumulateColumnSums(delta, firstBias.gradient());
        return delta;
    }
}
