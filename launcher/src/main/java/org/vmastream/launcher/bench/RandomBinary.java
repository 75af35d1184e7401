package org.vmastream.launcher.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random 0/1 matrices: only the shapes matter for the speed benchmarks, so no data set is needed. */
final class RandomBinary {
    private RandomBinary() {
    }

    static INDArray matrix(int rows, int columns, SplittableRandom random) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return Nd4j.create(values, new long[] {rows, columns}, DataType.FLOAT);
    }
}
