package org.vmastream.model.nn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few array operations the model's passes are built from, each mapped to the fastest ND4J
 * call measured on this backend: products into freshly allocated row-major outputs go straight to
 * BLAS, and bias broadcasts and column sums are rank-1 products with a cached column of ones
 * (several times faster than ND4J's broadcast and reduction ops at these sizes).
 */
public final class MatrixOps {
    private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

    private MatrixOps() {
    }

    /** {@code op(a) op(b)} as a new row-major array. */
    public static INDArray multiply(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        INDArray out = Nd4j.createUninitialized(a.dataType(), rows, cols);
        return Nd4j.gemm(a, b, out, transposeA, transposeB, 1.0, 0.0);
    }

    /** {@code target += op(a) op(b)}. */
    public static void accumulate(INDArray a, INDArray b, INDArray target, boolean transposeA, boolean transposeB) {
        Nd4j.gemm(a, b, target, transposeA, transposeB, 1.0, 1.0);
    }

    /** Adds the row vector {@code bias} (1 x cols) to every row of {@code target}, in place. */
    public static INDArray addRowVector(INDArray target, INDArray bias) {
        if (target.isView() && target.elementWiseStride() != 1) {
            return target.addiRowVector(bias);
        }
        Nd4j.gemm(ones(target.dataType(), target.rows()), bias, target, false, false, 1.0, 1.0);
        return target;
    }

    /** {@code target (1 x cols) += sum over rows of matrix}. */
    public static void accumulateColumnSums(INDArray matrix, INDArray target) {
        Nd4j.gemm(ones(matrix.dataType(), matrix.rows()), matrix, target, true, false, 1.0, 1.0);
    }

    /** 1 where {@code activation} (a ReLU output, so never negative) is positive, else 0. */
    public static INDArray reluMask(INDArray activation) {
        INDArray mask = Nd4j.createUninitialized(activation.dataType(), activation.shape());
        Nd4j.exec(new Sign(activation, mask));
        return mask;
    }

    /** A cached rows x 1 column of ones, kept outside any workspace so that it outlives every step. */
    private static INDArray ones(DataType dataType, long rows) {
        return ONES.computeIfAbsent(dataType + ":" + rows, key -> {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                return Nd4j.ones(dataType, rows, 1);
            }
        });
    }
}
