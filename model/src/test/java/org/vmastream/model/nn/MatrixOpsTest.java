package org.vmastream.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Products through {@link HostBlas} (raw pointers, leading dimensions, offsets of views) against a
 * plain triple loop, and what is left around the part of a matrix a product writes into.
 */
class MatrixOpsTest {
    private static final SplittableRandom RANDOM = new SplittableRandom(11);

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean transposeA : new boolean[] {false, true}) {
                for (boolean transposeB : new boolean[] {false, true}) {
                    cases.add(Arguments.of(type, transposeA, transposeB));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, transposeA {1}, transposeB {2}")
    @MethodSource("cases")
    void shouldMultiplyLikeTheDefinition(DataType type, boolean transposeA, boolean transposeB) {
        INDArray a = operand(type, 7, 5, transposeA);
        INDArray b = operand(type, 5, 3, transposeB);
        INDArray product = MatrixOps.multiply(a, b, transposeA, transposeB);
        assertClose(product, reference(a, b, transposeA, transposeB, null), type);
    }

    @ParameterizedTest(name = "{0}, transposeA {1}, transposeB {2}")
    @MethodSource("cases")
    void shouldAccumulateIntoAColumnRangeAndLeaveTheOtherColumnsAlone(
            DataType type, boolean transposeA, boolean transposeB) {
        INDArray parent = random(type, 7, 10);
        INDArray before = parent.dup();
        INDArray range = parent.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 7));
        INDArray a = operand(type, 7, 5, transposeA);
        INDArray b = operand(type, 5, 3, transposeB);
        assertThat(HostBlas.gemm(a, b, range, transposeA, transposeB, 1.0))
                .as("the CPU backend takes column ranges straight to BLAS")
                .isTrue();
        assertClose(range, reference(a, b, transposeA, transposeB, columns(before, 4, 7)), type);
        assertThat(columns(parent, 0, 4)).isEqualTo(columns(before, 0, 4));
        assertThat(columns(parent, 7, 10)).isEqualTo(columns(before, 7, 10));
    }

    @Test
    void shouldWriteIntoABlockInsideAMatrix() {
        INDArray parent = random(DataType.FLOAT, 9, 8);
        INDArray before = parent.dup();
        INDArray block = parent.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(3, 5));
        INDArray a = random(DataType.FLOAT, 4, 6);
        INDArray b = random(DataType.FLOAT, 6, 2);
        MatrixOps.accumulate(a, b, block, false, false);
        assertClose(
                block,
                reference(a, b, false, false, before.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(3, 5))),
                DataType.FLOAT);
        INDArray outside = parent.sub(before);
        outside.get(NDArrayIndex.interval(2, 6), NDArrayIndex.interval(3, 5)).assign(0);
        assertThat(outside.amaxNumber().doubleValue()).isZero();
    }

    @Test
    void shouldReadOperandsThatAreViewsOfLargerArrays() {
        INDArray left = random(DataType.DOUBLE, 6, 9);
        INDArray right = random(DataType.DOUBLE, 12, 4);
        INDArray a = columns(left, 2, 7);
        INDArray b = right.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all());
        assertClose(
                MatrixOps.multiply(a, b, false, false),
                reference(a.dup(), b.dup(), false, false, null),
                DataType.DOUBLE);
    }

    @Test
    void shouldAddABiasToEveryRowOfAColumnRange() {
        INDArray parent = random(DataType.FLOAT, 5, 6);
        INDArray before = parent.dup();
        INDArray bias = random(DataType.FLOAT, 1, 2);
        MatrixOps.addRowVector(columns(parent, 1, 3), bias);
        assertClose(columns(parent, 1, 3), columns(before, 1, 3).addRowVector(bias), DataType.FLOAT);
        assertThat(columns(parent, 3, 6)).isEqualTo(columns(before, 3, 6));
    }

    @Test
    void shouldTakeAnOperandStoredColumnMajorThroughNd4j() {
        INDArray a = random(DataType.FLOAT, 4, 3).dup('f');
        INDArray b = random(DataType.FLOAT, 3, 5);
        assertThat(HostBlas.gemm(a, b, Nd4j.zeros(DataType.FLOAT, 4, 5), false, false, 0))
                .isFalse();
        assertClose(
                MatrixOps.multiply(a, b, false, false), reference(a.dup('c'), b, false, false, null), DataType.FLOAT);
    }

    @Test
    void shouldRefuseSizesThatDoNotFitRatherThanTouchMemoryOutsideTheArrays() {
        INDArray a = random(DataType.FLOAT, 4, 3);
        INDArray b = random(DataType.FLOAT, 3, 5);
        INDArray tooNarrow = Nd4j.zeros(DataType.FLOAT, 4, 4);
        assertThatThrownBy(() -> HostBlas.gemm(a, b, tooNarrow, false, false, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x3 by 3x5 into 4x4");
    }

    /** A rows x cols matrix, stored transposed (cols x rows) when it is to be used transposed. */
    private static INDArray operand(DataType type, int rows, int cols, boolean transposed) {
        return transposed ? random(type, cols, rows) : random(type, rows, cols);
    }

    private static INDArray random(DataType type, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = RANDOM.nextDouble(-1, 1);
        }
        return Nd4j.create(values, new long[] {rows, cols}, 'c').castTo(type);
    }

    private static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }

    /** op(a) op(b) (+ start), summed in double precision one term at a time. */
    private static INDArray reference(INDArray a, INDArray b, boolean transposeA, boolean transposeB, INDArray start) {
        int rows = (int) (transposeA ? a.columns() : a.rows());
        int inner = (int) (transposeA ? a.rows() : a.columns());
        int cols = (int) (transposeB ? b.rows() : b.columns());
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = start == null ? 0 : start.getDouble(i, j);
                for (int k = 0; k < inner; k++) {
                    sum += (transposeA ? a.getDouble(k, i) : a.getDouble(i, k))
                            * (transposeB ? b.getDouble(j, k) : b.getDouble(k, j));
                }
                out[i][j] = sum;
            }
        }
        return Nd4j.create(out);
    }

    private static void assertClose(INDArray actual, INDArray expected, DataType type) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.columns(); j++) {
                assertThat(actual.getDouble(i, j))
                        .as("(%d, %d)", i, j)
                        .isCloseTo(expected.getDouble(i, j), within(tolerance));
            }
        }
    }
}
