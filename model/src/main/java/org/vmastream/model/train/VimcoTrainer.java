package org.vmastream.model.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ImportancePass;
import org.vmastream.model.Noise;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.bound.VimcoSignals;
import org.vmastream.model.diagnostics.AddressStatistics;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.Workspaces;

/**
 * One VIMCO / IWAE update per call: K samples per example, the surrogate's gradient
 * (VIMCO for the address parameters, importance-weighted for the rest), then Adam.
 * Not thread-safe; owns its random stream so a run is reproducible from its seed.
 */
public final class VimcoTrainer {
    private final VmaModel model;
    private final TrainingConfig config;
    private final AdamOptimizer optimizer;
    private long steps;

    /** A trainer with a fresh optimiser. */
    public VimcoTrainer(VmaModel model, TrainingConfig config) {
        this(model, config, new AdamOptimizer(model.parameters(), config.learningRate(), config.weightDecay()), 0);
    }

    /** A trainer resumed from an optimiser and a step count. */
    public VimcoTrainer(VmaModel model, TrainingConfig config, AdamOptimizer optimizer, long steps) {
        if (model.config().hasMemory() && config.samples() < 2) {
            throw new IllegalArgumentException(
                    "VIMCO needs samples >= 2 for a model with memory, got " + config.samples());
        }
        this.model = model;
        this.config = config;
        this.optimizer = optimizer;
        this.steps = steps;
    }

    /**
     * One update.
     *
     * @param x         targets, B x dataDim
     * @param exemplars exemplar memory rows for this step, or null (learned memory, no memory, or
     *                  fallback entries only)
     */
    public StepMetrics step(INDArray x, INDArray exemplars) {
        long start = System.nanoTime();
        try (MemoryWorkspace ignored = Workspaces.open("vma-train-step")) {
            return update(x, exemplars, start);
        }
    }

    private StepMetrics update(INDArray x, INDArray exemplars, long start) {
        int batch = (int) x.rows();
        int samples = config.samples();
        model.parameters().zeroGradients();
        MemoryEncoding memory = model.config().hasMemory() ? model.encodeAddressing(model.memoryFor(exemplars)) : null;
        SplittableRandom random = RandomStreams.forStep(config.seed(), steps, RandomStreams.NOISE);
        Noise noise = Noise.draw(
                random,
                batch * samples,
                model.config().latentDim(),
                model.parameters().dataType());
        ImportancePass pass = model.forward(x, memory, samples, noise);
        double[][] logW = pass.logWeights();
        double[][] weights = new double[batch][];
        double[][] signals = new double[batch][];
        double bound = 0;
        double klAddress = 0;
        double klLatent = 0;
        double reconstruction = 0;
        for (int b = 0; b < batch; b++) {
            ImportanceWeights w = ImportanceWeights.of(logW[b]);
            weights[b] = w.weights();
            signals[b] = memory != null ? VimcoSignals.of(logW[b], w, config.signal()) : null;
            bound += w.bound();
            if (memory != null) {
                klAddress += AddressStatistics.klDivergence(pass.addressPosterior(b), memory.logPrior());
            }
            for (int k = 0; k < samples; k++) {
                klLatent += pass.klLatent(b, k);
                reconstruction += pass.reconstruction(b, k);
            }
        }
        model.backward(pass, weights, signals, -1.0 / batch);
        optimizer.step();
        steps++;
        double millis = (System.nanoTime() - start) / 1e6;
        return new StepMetrics(
                steps,
                bound / batch,
                klAddress / batch,
                klLatent / (batch * samples),
                reconstruction / (batch * samples),
                millis,
                pass.entriesDrawn());
    }

    /** The model being trained. */
    public VmaModel model() {
        return model;
    }

    /** The training configuration. */
    public TrainingConfig config() {
        return config;
    }

    /** The optimiser (its state goes into checkpoints). */
    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }
}
