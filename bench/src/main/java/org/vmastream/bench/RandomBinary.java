package org.vmastream.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Random 0/1 matrices: only the shapes matter for the speed benchmarks, so no data set is needed. */
final class RandomBinary {
    private RandomBinary() {}

    /** Rows are filled a slice at a time, so a memory of 10^6 rows needs no heap copy of itself. */
    private static final int SLICE_ROWS = 8192;

    static INDArray matrix(int rows, int columns, SplittableRandom random) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        for (int from = 0; from < rows; from += SLICE_ROWS) {
            int count = Math.min(SLICE_ROWS, rows - from);
            float[] values = new float[count * columns];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextBoolean() ? 1f : 0f;
            }
            out.get(NDArrayIndex.interval(from, from + count), NDArrayIndex.all())
                    .assign(Nd4j.create(values, new long[] {count, columns}, DataType.FLOAT));
        }
        return out;
    }
}
