package org.vmastream.model.nn;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few array operations the model's passes are built from, each mapped to the fastest call
 * measured on this backend: products go straight to BLAS ({@link HostBlas}, past ND4J's dispatch,
 * also into column ranges), and bias broadcasts and column sums are rank-1 products with a cached column of ones
 * (several times faster than ND4J's broadcast and reduction ops at these sizes). Element-wise
 * work (ReLU with its bias, the ReLU's backward pass, concatenation) is one Java pass over native
 * memory ({@link HostView}) split over the cores, cheaper than the dispatch of even one ND4J op.
 */
public final class MatrixOps {
    private static final Map<String, INDArray> ONES = new ConcurrentHashMap<>();

    private MatrixOps() {}

    /** {@code op(a) op(b)} as a new row-major array. */
    public static INDArray multiply(INDArray a, INDArray b, boolean transposeA, boolean transposeB) {
        long rows = transposeA ? a.columns() : a.rows();
        long cols = transposeB ? b.rows() : b.columns();
        INDArray out = Nd4j.createUninitialized(a.dataType(), rows, cols);
        return gemm(a, b, out, transposeA, transposeB, false, GemmTrace.Kind.MATRIX);
    }

    /** {@code target += op(a) op(b)}; the target may be a range of columns of a row-major matrix. */
    public static void accumulate(INDArray a, INDArray b, INDArray target, boolean transposeA, boolean transposeB) {
        gemm(a, b, target, transposeA, transposeB, true, GemmTrace.Kind.MATRIX);
    }

    /** Adds the row vector {@code bias} (1 x cols) to every row of {@code target}, in place. */
    public static INDArray addRowVector(INDArray target, INDArray bias) {
        gemm(ones(target.dataType(), target.rows()), bias, target, false, false, true, GemmTrace.Kind.ONES);
        return target;
    }

    /** {@code target (1 x cols) += sum over rows of matrix}. */
    public static void accumulateColumnSums(INDArray matrix, INDArray target) {
        gemm(ones(matrix.dataType(), matrix.rows()), matrix, target, true, false, true, GemmTrace.Kind.ONES);
    }

    private static INDArray gemm(
            INDArray a,
            INDArray b,
            INDArray c,
            boolean transposeA,
            boolean transposeB,
            boolean accumulate,
            GemmTrace.Kind kind) {
        GemmTrace trace = GemmTrace.current();
        long start = trace == null ? 0 : System.nanoTime();
        double beta = accumulate ? 1.0 : 0.0;
        if (!HostBlas.gemm(a, b, c, transposeA, transposeB, beta)) {
            if (c.isView()) {
                // ND4J's gemm refuses to write into a view: a temporary product, then an element-wise op.
                INDArray product = Nd4j.gemm(a, b, transposeA, transposeB);
                if (accumulate) {
                    c.addi(product);
                } else {
                    c.assign(product);
                }
            } else {
                Nd4j.gemm(a, b, c, transposeA, transposeB, 1.0, beta);
            }
        }
        if (trace != null) {
            trace.add(new GemmTrace.Gemm(
                    c.rows(),
                    transposeA ? a.rows() : a.columns(),
                    c.columns(),
                    transposeA,
                    transposeB,
                    accumulate,
                    kind,
                    System.nanoTime() - start));
        }
        return c;
    }

    /**
     * The matrices side by side, as a new row-major array: one pass of row copies split over the
     * cores. ND4J's concat of column views costs several times more (docs/performance.md).
     *
     * @param parts matrices with the same number of rows, each row-major or a column range of one
     */
    public static INDArray concatColumns(INDArray... parts) {
        int rows = (int) parts[0].rows();
        int[] offsets = new int[parts.length + 1];
        int widest = 0;
        for (int p = 0; p < parts.length; p++) {
            int width = (int) parts[p].columns();
            offsets[p + 1] = offsets[p] + width;
            widest = Math.max(widest, width);
        }
        int total = offsets[parts.length];
        int buffer = widest;
        INDArray out = Nd4j.createUninitialized(parts[0].dataType(), rows, total);
        RowParallel.inParallel(rows, (from, to) -> {
            HostView target = HostView.of(out);
            HostView[] sources = new HostView[parts.length];
            int[] strides = new int[parts.length];
            for (int p = 0; p < parts.length; p++) {
                sources[p] = HostView.ofRows(parts[p]);
                strides[p] = HostView.rowStride(parts[p]);
            }
            double[] row = new double[buffer];
            for (int r = from; r < to; r++) {
                for (int p = 0; p < parts.length; p++) {
                    int width = offsets[p + 1] - offsets[p];
                    sources[p].get(r * strides[p], row, width);
                    target.put(r * total + offsets[p], row, width);
                }
            }
        });
        return out;
    }

    /**
     * {@code max(target + bias, 0)} with the row vector {@code bias} (1 x cols) added to every row,
     * in place: one pass over native memory instead of a broadcast and a ReLU op, each of which
     * costs more in ND4J's dispatch than the arithmetic at these sizes.
     *
     * @param target row-major, or a column range of a row-major matrix
     */
    public static INDArray addBiasRelu(INDArray target, INDArray bias) {
        int cols = (int) target.columns();
        double[] shift = HostView.rowValues(bias);
        RowParallel.inParallel((int) target.rows(), (from, to) -> {
            HostView view = HostView.ofRows(target);
            int stride = HostView.rowStride(target);
            double[] row = new double[cols];
            for (int r = from; r < to; r++) {
                view.get(r * stride, row, cols);
                for (int j = 0; j < cols; j++) {
                    row[j] = Math.max(row[j] + shift[j], 0);
                }
                view.put(r * stride, row, cols);
            }
        });
        return target;
    }

    /**
     * The ReLU's backward pass in place: zeroes {@code delta} wherever {@code activation} (the
     * ReLU's output, so never negative) is zero, in one pass instead of a mask array and a product.
     *
     * @param delta      row-major, d objective / d activation, becomes d objective / d pre-activation
     * @param activation row-major, same shape
     */
    public static void reluBackward(INDArray delta, INDArray activation) {
        int cols = (int) delta.columns();
        RowParallel.inParallel((int) delta.rows(), (from, to) -> {
            HostView gradient = HostView.of(delta);
            HostView output = HostView.of(activation);
            double[] g = new double[cols];
            double[] a = new double[cols];
            for (int r = from; r < to; r++) {
                gradient.get(r * cols, g, cols);
                output.get(r * cols, a, cols);
                for (int j = 0; j < cols; j++) {
                    g[j] = a[j] > 0 ? g[j] : 0;
                }
                gradient.put(r * cols, g, cols);
            }
        });
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
