package org.vmastream.bench.gemm;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.nn.GemmTrace;
import org.vmastream.model.nn.MatrixOps;

/**
 * Runs a recorded list of matrix products back to back on operands of the same shapes and nothing
 * in between: the rate the step's own products reach at their sizes, which bounds the rate of the
 * whole step from above (however little the work between the products cost, the step could not
 * exceed it). Operands are allocated before timing, so only the products are timed. They take the
 * step's own route ({@link MatrixOps}), each accumulating into its output: that reads the output
 * once more than a plain product, a small part of its cost.
 */
public final class GemmReplay {
    private GemmReplay() {}

    /**
     * GFLOP/s of the products, best of {@code repeats} timed runs of the whole list after one untimed run.
     *
     * @param gemms the products of one step, as {@link GemmTrace} recorded them
     */
    public static double gflops(List<GemmTrace.Gemm> gemms, int repeats) {
        if (gemms.isEmpty()) {
            throw new IllegalArgumentException("no products to replay");
        }
        List<INDArray[]> operands = new ArrayList<>(gemms.size());
        double flops = 0;
        for (GemmTrace.Gemm g : gemms) {
            INDArray a = g.transposeA()
                    ? Nd4j.rand(DataType.FLOAT, g.inner(), g.rows())
                    : Nd4j.rand(DataType.FLOAT, g.rows(), g.inner());
            INDArray b = g.transposeB()
                    ? Nd4j.rand(DataType.FLOAT, g.cols(), g.inner())
                    : Nd4j.rand(DataType.FLOAT, g.inner(), g.cols());
            operands.add(new INDArray[] {a, b, Nd4j.zeros(DataType.FLOAT, g.rows(), g.cols())});
            flops += g.flops();
        }
        runAll(gemms, operands);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            runAll(gemms, operands);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return flops / best / 1e9;
    }

    private static void runAll(List<GemmTrace.Gemm> gemms, List<INDArray[]> operands) {
        for (int i = 0; i < gemms.size(); i++) {
            GemmTrace.Gemm g = gemms.get(i);
            INDArray[] o = operands.get(i);
            MatrixOps.accumulate(o[0], o[1], o[2], g.transposeA(), g.transposeB());
        }
    }
}
