package org.vmastream.model.nn;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix products handed to OpenBLAS's {@code cblas_?gemm} on the arrays' host memory, past ND4J.
 *
 * <p>Two reasons: ND4J's gemm is a custom op whose dispatch (shape buffers, an op context, on the
 * oneDNN builds oneDNN's primitive cache) costs more than the arithmetic of the training step's small
 * products (docs/performance.md#why-the-code-is-written-as-it-is); and ND4J's gemm refuses to write into a column
 * range of a matrix, which made every gradient of a shared projection a temporary product plus a
 * strided add. A BLAS call takes the
 * range as it is, with the parent's row stride as its leading dimension.
 *
 * <p>It calls the OpenBLAS that ND4J itself loads (bytedeco's {@code openblas}, not its
 * {@code openblas_nolapack} twin, which would be a second copy with buffers of its own).
 *
 * <p>Used only where it applies: the CPU backend with OpenBLAS loadable (not the CUDA profile,
 * whose arrays live on the device), FLOAT or DOUBLE operands of one type, every matrix stored as
 * rows of adjacent elements. Anything else goes to {@link Nd4j#gemm}.
 */
final class HostBlas {
    private static final Logger LOG = LoggerFactory.getLogger(HostBlas.class);
    private static final boolean AVAILABLE = load();

    private HostBlas() {}

    private static boolean load() {
        if (!Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        try {
            Loader.load(openblas.class);
            return true;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | RuntimeException e) {
            LOG.info("OpenBLAS is not loadable here ({}); matrix products go through ND4J", e.toString());
            return false;
        }
    }

    /**
     * {@code c = op(a) op(b) + beta c} through cblas, if these arrays allow it.
     *
     * @param beta 0 to overwrite c, 1 to accumulate into it
     * @return false, having done nothing, when the product must go through ND4J instead
     */
    static boolean gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB, double beta) {
        DataType type = c.dataType();
        if (!AVAILABLE
                || (type != DataType.FLOAT && type != DataType.DOUBLE)
                || a.dataType() != type
                || b.dataType() != type
                || !rowsAreRuns(a)
                || !rowsAreRuns(b)
                || !rowsAreRuns(c)) {
            return false;
        }
        int m = (int) c.rows();
        int n = (int) c.columns();
        int k = (int) (transposeA ? a.rows() : a.columns());
        // BLAS trusts the sizes it is given: a mismatch would read or write outside the arrays.
        if ((transposeA ? a.columns() : a.rows()) != m
                || (transposeB ? b.rows() : b.columns()) != n
                || (transposeB ? b.columns() : b.rows()) != k) {
            throw new IllegalArgumentException("cannot multiply " + shape(a, transposeA) + " by " + shape(b, transposeB)
                    + " into " + c.rows() + "x" + c.columns());
        }
        int transA = transposeA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int transB = transposeB ? openblas.CblasTrans : openblas.CblasNoTrans;
        if (type == DataType.FLOAT) {
            openblas.cblas_sgemm(
                    openblas.CblasRowMajor,
                    transA,
                    transB,
                    m,
                    n,
                    k,
                    1f,
                    floats(a),
                    leading(a),
                    floats(b),
                    leading(b),
                    (float) beta,
                    floats(c),
                    leading(c));
        } else {
            openblas.cblas_dgemm(
                    openblas.CblasRowMajor,
                    transA,
                    transB,
                    m,
                    n,
                    k,
                    1.0,
                    doubles(a),
                    leading(a),
                    doubles(b),
                    leading(b),
                    beta,
                    doubles(c),
                    leading(c));
        }
        return true;
    }

    private static String shape(INDArray array, boolean transposed) {
        return transposed
                ? array.columns() + "x" + array.rows() + " (transposed)"
                : array.rows() + "x" + array.columns();
    }

    /**
     * A matrix whose rows are each a run of adjacent elements, one after another: row-major, or a
     * column range of a row-major matrix (not a broadcast view, whose rows overlap).
     */
    private static boolean rowsAreRuns(INDArray array) {
        return array.rank() == 2
                && array.length() > 0
                && (array.columns() == 1 || array.stride(1) == 1)
                && (array.ordering() == 'c' || array.rows() == 1)
                && (array.rows() == 1 || array.stride(0) >= array.columns());
    }

    /** The distance between the starts of consecutive rows. */
    private static int leading(INDArray array) {
        return Math.toIntExact(array.rows() > 1 ? array.stride(0) : array.columns());
    }

    private static FloatPointer floats(INDArray array) {
        return new FloatPointer(array.data().addressPointer()).position(skip(array));
    }

    private static DoublePointer doubles(INDArray array) {
        return new DoublePointer(array.data().addressPointer()).position(skip(array));
    }

    /**
     * The number of elements between the address of the array's buffer and its first element. A
     * view's buffer may itself start inside its parent's: its address then already counts that part
     * of the array's offset.
     */
    private static long skip(INDArray array) {
        return array.offset() - array.data().offset();
    }
}
