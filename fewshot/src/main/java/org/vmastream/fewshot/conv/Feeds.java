package org.vmastream.fewshot.conv;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds placeholder values in single precision from host arrays. */
public final class Feeds {
    private Feeds() {}

    /** Row-major images {@code count x pixels^2} as [count, 1, pixels, pixels]. */
    public static INDArray images(float[] values, int count, int pixels) {
        return Nd4j.create(values, new long[] {count, 1, pixels, pixels}, 'c');
    }

    /** [targets * samples, targets]: row n is one-hot on target n / samples. */
    public static INDArray repeat(int targets, int samples) {
        float[] values = new float[targets * samples * targets];
        for (int n = 0; n < targets * samples; n++) {
            values[n * targets + n / samples] = 1;
        }
        return Nd4j.create(values, new long[] {(long) targets * samples, targets}, 'c');
    }

    /** [rows.length, width]: row n is one-hot on rows[n]. */
    public static INDArray oneHot(int[] rows, int width) {
        float[] values = new float[rows.length * width];
        for (int n = 0; n < rows.length; n++) {
            values[n * width + rows[n]] = 1;
        }
        return Nd4j.create(values, new long[] {rows.length, width}, 'c');
    }

    /** [rows, cols] of independent standard normal draws. */
    public static INDArray normal(SplittableRandom random, int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, cols}, 'c');
    }

    /** A vector of single-precision values. */
    public static INDArray vector(double[] values) {
        return Nd4j.createFromArray(values).castTo(DataType.FLOAT);
    }
}
