package org.vmastream.bench.gemm;

import org.vmastream.model.ModelConfig;
import org.vmastream.model.memory.MemoryKind;

/**
 * Floating-point operations (2 per multiply-add) of the matrix products in one training step, as
 * {@link org.vmastream.model.VmaModel} computes them; element-wise work is not counted. Divided by
 * step time it gives the achieved rate to compare with {@link SgemmProbe}.
 */
public final class StepFlops {
    private StepFlops() {}

    /**
     * @param c            the architecture
     * @param batch        B
     * @param samples      K
     * @param memorySize   |M| as addressed (exemplars plus fallback entries, or learned entries)
     * @param entriesDrawn distinct entries the step's samples drew (the row table and p(z|m) are
     *                     computed for these alone)
     */
    public static double trainingStep(ModelConfig c, int batch, int samples, int memorySize, double entriesDrawn) {
        long d = c.dataDim();
        long h1 = c.hidden1();
        long h2 = c.hidden2();
        long z = c.latentDim();
        long e = c.embeddingDim();
        long b = batch;
        long n = (long) batch * samples;
        long m = c.hasMemory() ? memorySize : 0;
        double u = c.hasMemory() ? entriesDrawn : 0;
        long encoderTail = h1 * h2 + h2 * 2 * z;
        long decoderTail = h2 * h1 + h1 * d;
        double forward = b * d * (c.hasMemory() ? 2 * h1 : h1) + n * encoderTail + n * z * h2 + n * decoderTail;
        // Backward: a weight-gradient and an input-gradient product per layer, except that x.proj needs
        // no input gradient (its input is data) and m.proj needs one only for trainable memory.
        double backward =
                b * d * (c.hasMemory() ? 2 * h1 : h1) + 2 * n * encoderTail + 2 * n * z * h2 + 2 * n * decoderTail;
        if (c.hasMemory()) {
            boolean trainable = c.memory() == MemoryKind.LEARNED || c.fallbackEntries() > 0;
            long tails = h1 * h2 + h2 * e;
            long priorTail = h1 * h2 + h2 * 2 * z;
            long rowTable = h1 + h2 + 2 * z + (trainable && c.outputSkip() ? d : 0);
            long drawnColumns = 2 * h1 + h2;
            forward += b * tails
                    + m * c.memoryDim() * h1
                    + m * tails
                    + u * c.memoryDim() * drawnColumns
                    + u * priorTail
                    + b * m * e
                    + m * e;
            backward += 2 * b * tails
                    + (m * c.memoryDim() * h1 + u * c.memoryDim() * drawnColumns) * (trainable ? 2 : 1)
                    + 2 * m * tails
                    + 2 * u * priorTail
                    + n * u * rowTable
                    + 2 * b * m * e
                    + 2 * m * e;
        }
        return 2.0 * (forward + backward);
    }

    /**
     * Floating-point operations of the matrix products that score one event against an already
     * encoded memory (the scorer's per-event work; memory encoding is cached and not counted).
     *
     * @param samples    K
     * @param memorySize |M| as addressed
     */
    public static double scoringEvent(ModelConfig c, int samples, int memorySize) {
        long d = c.dataDim();
        long h1 = c.hidden1();
        long h2 = c.hidden2();
        long z = c.latentDim();
        long e = c.embeddingDim();
        long perSample = h1 * h2 + h2 * 2 * z + z * h2 + h2 * h1 + h1 * d;
        long perEvent = d * (c.hasMemory() ? 2 * h1 : h1) + (long) samples * perSample;
        if (c.hasMemory()) {
            perEvent += h1 * h2 + h2 * e + (long) memorySize * e;
        }
        return 2.0 * perEvent;
    }
}
