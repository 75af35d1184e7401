package org.vmastream.launcher.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/**
 * Times training steps of the recall model on random binary data of MNIST's shapes. Only the
 * shapes matter for speed, so no data set is needed; the same batch is reused so that nothing but
 * the step is timed.
 */
final class StepBenchmark {
    private StepBenchmark() {
    }

    /**
     * Mean wall milliseconds of a step, after warm-up steps (JIT, workspace sizing, BLAS threads).
     *
     * @param config     the model's architecture
     * @param training   batch, K and seed
     * @param memorySize exemplars per step
     */
    static double millisPerStep(ModelConfig config, TrainingConfig training, int memorySize, int warmup, int steps) {
        SplittableRandom random = new SplittableRandom(training.seed());
        INDArray targets = RandomBinary.matrix(training.batchSize(), config.dataDim(), random);
        INDArray exemplars = RandomBinary.matrix(memorySize, config.dataDim(), random);
        VimcoTrainer trainer = new VimcoTrainer(VmaModel.initialise(config, training.seed()), training);
        for (int i = 0; i < warmup; i++) {
            trainer.step(targets, exemplars);
        }
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            trainer.step(targets, exemplars);
        }
        return (System.nanoTime() - start) / 1e6 / steps;
    }
}
