package org.vmastream.model.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Records the matrix products {@link MatrixOps} runs on the calling thread while the trace is open:
 * their shapes and the wall time each took. The benchmark uses it to split a training step into
 * time inside BLAS and time around it, and to replay the step's products on their own; a test uses
 * it to check that the step's FLOP count is the one the step runs. With no trace open the cost is
 * one thread-local read per product.
 */
public final class GemmTrace implements AutoCloseable {
    private static final ThreadLocal<GemmTrace> OPEN = new ThreadLocal<>();

    /**
     * One product {@code C (rows x cols) = op(A) op(B) [+ C]} with an inner dimension {@code inner}.
     *
     * @param transposeA the first operand is used transposed
     * @param transposeB the second operand is used transposed
     * @param accumulate the product was added to C instead of replacing it
     * @param kind       what the product computes
     * @param nanos      wall time of the call
     */
    public record Gemm(
            long rows,
            long inner,
            long cols,
            boolean transposeA,
            boolean transposeB,
            boolean accumulate,
            Kind kind,
            long nanos) {
        /** Floating-point operations, 2 per multiply-add. */
        public double flops() {
            return 2.0 * rows * inner * cols;
        }
    }

    /** What a product computes. */
    public enum Kind {
        /** A product of two matrices of the model: a layer, its gradients, a similarity. */
        MATRIX,
        /** A bias broadcast or a column sum, written as a product with a column of ones. */
        ONES
    }

    private final List<Gemm> gemms = new ArrayList<>();

    private GemmTrace() {}

    /**
     * Opens a trace on this thread.
     *
     * @throws IllegalStateException if one is already open here
     */
    public static GemmTrace open() {
        if (OPEN.get() != null) {
            throw new IllegalStateException("a GemmTrace is already open on this thread");
        }
        GemmTrace trace = new GemmTrace();
        OPEN.set(trace);
        return trace;
    }

    /** The trace open on this thread, or null. */
    static GemmTrace current() {
        return OPEN.get();
    }

    void add(Gemm gemm) {
        gemms.add(gemm);
    }

    /** The products recorded so far, in the order they ran. */
    public List<Gemm> gemms() {
        return List.copyOf(gemms);
    }

    /** Forgets the products recorded so far (after warm-up steps, say). */
    public void clear() {
        gemms.clear();
    }

    @Override
    public void close() {
        OPEN.remove();
    }
}
