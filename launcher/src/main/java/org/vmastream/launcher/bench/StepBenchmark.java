package org.vmastream.launcher.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/**
 * Times training steps of the recall model on random binary data of MNIST's shapes: as in the
 * recall preset, the targets are rows of the memory. Only the shapes matter for speed, so no data
 * set is needed; the same episode is reused so that nothing but the step is timed.
 */
final class StepBenchmark {
    /** Mean wall milliseconds of a step, and the mean number of distinct entries its samples drew. */
    record Result(double millisPerStep, double entriesDrawn) {}

    private StepBenchmark() {
    }

    /**
     * Times steps after warm-up steps (JIT, workspace sizing, BLAS threads).
     *
     * @param config     the model's architecture
     * @param training   batch, K and seed
     * @param memorySize exemplars per step (at least the batch size)
     */
    static Result run(ModelConfig config, TrainingConfig training, int memorySize, int warmup, int steps) {
        SplittableRandom random = new SplittableRandom(training.seed());
        INDArray exemplars = RandomBinary.matrix(memorySize, config.dataDim(), random);
        INDArray targets = exemplars.get(NDArrayIndex.interval(0, training.batchSize()), NDArrayIndex.all()).dup();
        VimcoTrainer trainer = new VimcoTrainer(VmaModel.initialise(config, training.seed()), training);
        for (int i = 0; i < warmup; i++) {
            trainer.step(targets, exemplars);
        }
        long drawn = 0;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            drawn += trainer.step(targets, exemplars).entriesDrawn();
        }
        return new Result((System.nanoTime() - start) / 1e6 / steps, (double) drawn / steps);
    }
}
