package org.vmastream.model.train;

import org.vmastream.model.bound.LearningSignal;

/**
 * How a model is trained.
 *
 * @param samples      K importance samples per example (the paper: 4)
 * @param batchSize    examples per step (the paper: 32)
 * @param learningRate Adam step size (the paper: 1e-4 or 3e-4)
 * @param weightDecay  L2 coefficient on network weight matrices; never applied to biases or memory
 * @param signal       VIMCO learning signal for the address parameters
 * @param seed         seed of every random draw of the run
 */
public record TrainingConfig(
        int samples, int batchSize, double learningRate, double weightDecay, LearningSignal signal, long seed) {
    public TrainingConfig {
        if (samples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("invalid training configuration: samples=" + samples + " and batchSize="
                    + batchSize + " must be positive");
        }
        if (!(learningRate > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("invalid training configuration: learningRate=" + learningRate
                    + " must be positive and weightDecay=" + weightDecay + " not negative");
        }
    }

    /** The paper's MNIST settings: K = 4, batch 32, Adam 3e-4, no weight decay, eq. 8 signal. */
    public static TrainingConfig paper(long seed) {
        return new TrainingConfig(4, 32, 3e-4, 0.0, LearningSignal.PAPER, seed);
    }
}
