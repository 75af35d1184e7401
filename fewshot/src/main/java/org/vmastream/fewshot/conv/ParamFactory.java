package org.vmastream.fewshot.conv;

import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Creates the trainable variables of a graph from one seed, so that a seed fixes the initial model. */
final class ParamFactory {
    private final SameDiff sd;
    private final DataType type;
    private final SplittableRandom random;

    ParamFactory(SameDiff sd, DataType type, long seed) {
        this.sd = sd;
        this.type = type;
        this.random = new SplittableRandom(seed);
    }

    /** Gaussian weights with standard deviation sqrt(gain / fanIn) (He for ReLU layers with gain 2). */
    SDVariable weight(String name, double gain, long fanIn, long... shape) {
        double std = Math.sqrt(gain / fanIn);
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        double[] values = new double[Math.toIntExact(length)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * std;
        }
        INDArray array = Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
        return sd.var(name, array);
    }

    /** A bias filled with one value. */
    SDVariable bias(String name, double value, long... shape) {
        return sd.var(name, Nd4j.valueArrayOf(shape, value, type));
    }
}
