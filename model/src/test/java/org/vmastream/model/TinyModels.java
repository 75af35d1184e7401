package org.vmastream.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryKind;

/** Small double-precision models and data for tests that check maths exactly. */
final class TinyModels {
    static final int DATA = 6;

    private TinyModels() {}

    static ModelConfig config(MemoryKind kind, Similarity similarity, PriorKind prior, int fallback, int latent) {
        int memoryDim = switch (kind) {
            case EXEMPLAR -> DATA;
            case LEARNED -> 4;
            case NONE -> 0;
        };
        return new ModelConfig(
                DATA,
                kind,
                memoryDim,
                kind == MemoryKind.LEARNED ? 5 : 0,
                fallback,
                similarity,
                prior,
                latent,
                5,
                4,
                3,
                ModelConfig.Precision.DOUBLE,
                kind == MemoryKind.EXEMPLAR);
    }

    /**
     * Adds small noise to every parameter. Zero-initialised biases put ReLU pre-activations exactly
     * on the kink when a row's previous layer is all zero, where central differences measure half a slope.
     */
    static VmaModel offKinks(VmaModel model, SplittableRandom random) {
        INDArray values = model.parameters().values();
        double[] noise = new double[(int) values.length()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 0.1 * random.nextGaussian();
        }
        values.addi(Nd4j.create(noise, new long[] {noise.length}, values.dataType()));
        return model;
    }

    /** Binary examples, rows x DATA. */
    static INDArray binary(SplittableRandom random, int rows) {
        double[] values = new double[rows * DATA];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.4 ? 1.0 : 0.0;
        }
        return Nd4j.create(values, new long[] {rows, DATA}, DataType.DOUBLE);
    }

    /** Exemplars with grey values in [0, 1), rows x DATA. */
    static INDArray grey(SplittableRandom random, int rows) {
        double[] values = new double[rows * DATA];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, new long[] {rows, DATA}, DataType.DOUBLE);
    }
}
