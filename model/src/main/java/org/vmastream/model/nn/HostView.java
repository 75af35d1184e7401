package org.vmastream.model.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Copies runs of elements (typically rows) of a row-major array between its native memory and Java
 * arrays, by flat index (row * columns + column). Loops that would take several ND4J passes, each
 * with its own temporary, become one pass over native memory; values travel as double whatever the
 * array's element type, so one loop serves FLOAT and DOUBLE models. Copies are in bulk because a
 * direct buffer's per-element access, with its checks, cost more than the arithmetic on the element.
 * Valid as long as the array is; not thread-safe (FLOAT views keep a conversion buffer).
 */
public abstract sealed class HostView {

    private HostView() {}

    /**
     * A view of {@code array}'s elements.
     *
     * @throws IllegalArgumentException if the array is not row-major with default strides, or is
     *                                  neither FLOAT nor DOUBLE
     */
    public static HostView of(INDArray array) {
        if (array.ordering() != 'c' || !Shape.hasDefaultStridesForShape(array)) {
            throw new IllegalArgumentException("a host view needs a contiguous row-major array; dup('c') it first");
        }
        return over(array);
    }

    /**
     * A view of the rows of a row-major matrix or of a range of its columns (a view whose rows
     * are runs of adjacent elements): flat index {@code row * rowStride(array) + column}.
     *
     * @throws IllegalArgumentException if the rows are not runs of adjacent elements, or the type
     *                                  is neither FLOAT nor DOUBLE
     */
    public static HostView ofRows(INDArray array) {
        boolean adjacentColumns = array.columns() == 1 || array.stride(1) == 1;
        // ND4J may mark a single row 'f'-ordered; its elements are adjacent all the same.
        boolean rowMajor = array.ordering() == 'c' || array.rows() == 1;
        if (array.rank() != 2 || !rowMajor || !adjacentColumns) {
            throw new IllegalArgumentException("a row view needs a row-major matrix or a column range of one");
        }
        return over(array);
    }

    /** The flat distance between the starts of consecutive rows in {@link #ofRows}. */
    public static int rowStride(INDArray array) {
        return Math.toIntExact(array.rows() > 1 ? array.stride(0) : array.columns());
    }

    private static HostView over(INDArray array) {
        ByteBuffer bytes = array.data().asNio().order(ByteOrder.nativeOrder());
        int offset = Math.toIntExact(array.offset());
        if (array.dataType() == DataType.FLOAT) {
            return new Floats(bytes.asFloatBuffer(), offset);
        }
        if (array.dataType() == DataType.DOUBLE) {
            return new Doubles(bytes.asDoubleBuffer(), offset);
        }
        throw new IllegalArgumentException("host views are for FLOAT and DOUBLE arrays, not " + array.dataType());
    }

    /**
     * The elements of a row vector (1 x n, possibly a view into a larger array) as doubles, without
     * the temporary ND4J copy that {@code toDoubleVector()} makes of a view.
     */
    public static double[] rowValues(INDArray row) {
        if (row.rows() != 1) {
            throw new IllegalArgumentException("a row vector has one row, not " + row.rows());
        }
        double[] values = new double[(int) row.columns()];
        ofRows(row).get(0, values, values.length);
        return values;
    }

    /** {@code array} itself if it can be viewed, else a row-major copy of it. */
    public static INDArray viewable(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array) ? array : array.dup('c');
    }

    /** Copies {@code count} elements from flat index {@code from} into {@code into[0..count)}. */
    public abstract void get(int from, double[] into, int count);

    /** Stores {@code values[0..count)} (rounded to the array's type) from flat index {@code from} on. */
    public abstract void put(int from, double[] values, int count);

    private static final class Floats extends HostView {
        private final FloatBuffer buffer;
        private final int offset;
        private float[] scratch = new float[0];

        Floats(FloatBuffer buffer, int offset) {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public void get(int from, double[] into, int count) {
            float[] values = scratch(count);
            buffer.get(offset + from, values, 0, count);
            for (int i = 0; i < count; i++) {
                into[i] = values[i];
            }
        }

        @Override
        public void put(int from, double[] values, int count) {
            float[] rounded = scratch(count);
            for (int i = 0; i < count; i++) {
                rounded[i] = (float) values[i];
            }
            buffer.put(offset + from, rounded, 0, count);
        }

        private float[] scratch(int count) {
            if (scratch.length < count) {
                scratch = new float[count];
            }
            return scratch;
        }
    }

    private static final class Doubles extends HostView {
        private final DoubleBuffer buffer;
        private final int offset;

        Doubles(DoubleBuffer buffer, int offset) {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public void get(int from, double[] into, int count) {
            buffer.get(offset + from, into, 0, count);
        }

        @Override
        public void put(int from, double[] values, int count) {
            buffer.put(offset + from, values, 0, count);
        }
    }
}
