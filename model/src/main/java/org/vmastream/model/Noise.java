package org.vmastream.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The randomness of one pass: a uniform per sample for drawing its address (inverse CDF of
 * q(a|x)) and standard normal noise for z = mu + sigma * eps. Kept explicit so that a pass can be
 * repeated with frozen noise (gradient checks) and runs are reproducible from a seed.
 *
 * @param uniforms one value in [0, 1) per sample (rows = batch * K, row = b * K + k)
 * @param epsilon  rows x latentDim standard normal draws
 * @param addresses fixed addresses per sample instead of draws, or null to draw them
 */
public record Noise(double[] uniforms, INDArray epsilon, int[] addresses) {

    /** Draws noise for {@code rows} samples. */
    public static Noise draw(SplittableRandom random, int rows, int latentDim, DataType dataType) {
        double[] uniforms = new double[rows];
        double[] eps = new double[rows * latentDim];
        for (int i = 0; i < rows; i++) {
            uniforms[i] = random.nextDouble();
        }
        for (int i = 0; i < eps.length; i++) {
            eps[i] = random.nextGaussian();
        }
        return new Noise(uniforms, Nd4j.create(eps, new long[] {rows, latentDim}, dataType), null);
    }

    /** The same noise with these addresses fixed (draws are then ignored). */
    public Noise withAddresses(int[] fixed) {
        return new Noise(uniforms, epsilon, fixed.clone());
    }
}
