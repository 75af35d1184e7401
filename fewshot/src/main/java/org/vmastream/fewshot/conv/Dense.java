package org.vmastream.fewshot.conv;

import org.nd4j.autodiff.samediff.SDVariable;

/** A fully connected layer, x W + b with or without a ReLU, whose weights can be applied to several inputs. */
final class Dense {
    private final SDVariable weights;
    private final SDVariable bias;
    private final boolean relu;

    private Dense(ParamFactory params, String name, int in, int out, double gain, boolean relu) {
        this.weights = params.weight(name + "/w", gain, in, in, out);
        this.bias = params.bias(name + "/b", 0.0, out);
        this.relu = relu;
    }

    /** A hidden layer for ReLU units (He initialisation). */
    static Dense relu(ParamFactory params, String name, int in, int out) {
        return new Dense(params, name, in, out, 2.0, true);
    }

    /** A linear output layer, initialised small so that early Gaussians stay near N(0, I). */
    static Dense linear(ParamFactory params, String name, int in, int out) {
        return new Dense(params, name, in, out, 0.1, false);
    }

    SDVariable apply(SDVariable input) {
        SDVariable affine = input.mmul(weights).add(bias);
        return relu ? affine.getSameDiff().nn().relu(affine, 0.0) : affine;
    }
}
