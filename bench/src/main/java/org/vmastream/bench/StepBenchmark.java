package org.vmastream.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.bench.gemm.GemmReplay;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.nn.GemmTrace;
import org.vmastream.model.train.AdamOptimizer;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/**
 * Times training steps of the recall model on random binary data of MNIST's shapes: as in the
 * recall preset, the targets are rows of the memory. Only the shapes matter for speed, so no data
 * set is needed; the same episode is reused so that nothing but the step is timed.
 */
public final class StepBenchmark {
    private static final int REPLAYS = 20;

    /**
     * What the timed steps measured.
     *
     * @param millisPerStep mean wall milliseconds of a step
     * @param entriesDrawn  mean number of distinct entries its samples drew
     * @param gemmShare     the share of step time spent inside the matrix products (traced steps)
     * @param gemmGflops    the rate inside the model's matrix products during the traced steps
     * @param replayGflops  the rate of one step's model products replayed back to back on their own
     * @param adamMillis    mean wall milliseconds of the Adam update alone, part of every step
     * @param parameters    trainable values the update goes over
     */
    public record Result(
            double millisPerStep,
            double entriesDrawn,
            double gemmShare,
            double gemmGflops,
            double replayGflops,
            double adamMillis,
            long parameters) {}

    private StepBenchmark() {}

    /**
     * Times steps after warm-up steps (JIT, workspace sizing, BLAS threads), then traces as many
     * again to split their time between the products and the rest (a separate phase, so that the
     * tracing cannot slow the timed steps), and last times the optimiser's update on its own.
     *
     * @param config     the model's architecture
     * @param training   batch, K and seed
     * @param memorySize exemplars per step (at least the batch size)
     */
    public static Result run(ModelConfig config, TrainingConfig training, int memorySize, int warmup, int steps) {
        SplittableRandom random = new SplittableRandom(training.seed());
        INDArray exemplars = RandomBinary.matrix(memorySize, config.dataDim(), random);
        INDArray targets = exemplars
                .get(NDArrayIndex.interval(0, training.batchSize()), NDArrayIndex.all())
                .dup();
        VmaModel model = VmaModel.initialise(config, training.seed());
        AdamOptimizer optimizer =
                new AdamOptimizer(model.parameters(), training.learningRate(), training.weightDecay());
        VimcoTrainer trainer = new VimcoTrainer(model, training, optimizer, 0);
        for (int i = 0; i < warmup; i++) {
            trainer.step(targets, exemplars);
        }
        long drawn = 0;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            drawn += trainer.step(targets, exemplars).entriesDrawn();
        }
        double millis = (System.nanoTime() - start) / 1e6 / steps;
        long tracedNanos = 0;
        long gemmNanos = 0;
        long matrixNanos = 0;
        double matrixFlops = 0;
        List<GemmTrace.Gemm> lastStep = List.of();
        for (int i = 0; i < steps; i++) {
            try (GemmTrace trace = GemmTrace.open()) {
                long stepStart = System.nanoTime();
                trainer.step(targets, exemplars);
                tracedNanos += System.nanoTime() - stepStart;
                lastStep = trace.gemms();
            }
            for (GemmTrace.Gemm g : lastStep) {
                gemmNanos += g.nanos();
                if (g.kind() == GemmTrace.Kind.MATRIX) {
                    matrixNanos += g.nanos();
                    matrixFlops += g.flops();
                }
            }
        }
        List<GemmTrace.Gemm> products =
                lastStep.stream().filter(g -> g.kind() == GemmTrace.Kind.MATRIX).toList();
        // The last step's gradients are still in place: updates with them time the optimiser alone.
        long adamStart = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            optimizer.step();
        }
        double adamMillis = (System.nanoTime() - adamStart) / 1e6 / steps;
        return new Result(
                millis,
                (double) drawn / steps,
                (double) gemmNanos / tracedNanos,
                matrixFlops / matrixNanos,
                GemmReplay.gflops(products, REPLAYS),
                adamMillis,
                model.parameters().size());
    }
}
