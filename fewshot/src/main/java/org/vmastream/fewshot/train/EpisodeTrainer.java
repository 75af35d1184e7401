package org.vmastream.fewshot.train;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.fewshot.conv.AddressPosterior;
import org.vmastream.fewshot.conv.Feeds;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.GraphNames;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.conv.SampleTerms;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.bound.VimcoSignals;
import org.vmastream.model.train.StepMetrics;

/**
 * One training step per episode: the memory holds other drawings of the targets' classes, K samples per target,
 * VIMCO for the address and IWAE for the rest. The host draws addresses and noise, runs the forward pass for the
 * importance weights and learning signals, then the graph's gradient pass takes one Adam step.
 */
public final class EpisodeTrainer {
    private final FewShotModel model;
    private final EpisodeSampler sampler;
    private final int samples;
    private final LearningSignal signal;
    private final SplittableRandom random;
    private long steps;

    /**
     * @param samples K, at least 2 for VIMCO
     * @param seed    seeds the addresses and noise (the sampler has its own seed)
     * @param done    steps the model has already had (numbers the metrics of a resumed run)
     */
    public EpisodeTrainer(
            FewShotModel model, EpisodeSampler sampler, int samples, LearningSignal signal, long seed, long done) {
        if (samples < 2) {
            throw new IllegalArgumentException("training needs K >= 2 samples per target, got " + samples);
        }
        this.model = model;
        this.sampler = sampler;
        this.samples = samples;
        this.signal = signal;
        this.random = new SplittableRandom(seed);
        this.steps = done;
    }

    /** Samples an episode of this shape and makes one update on it with the exact estimator. */
    public StepMetrics step(EpisodeShape shape) {
        return step(shape, 1.0);
    }

    /**
     * Samples an episode and makes one update, with the z terms of log w weighted by {@code latentWeight} in the
     * surrogate (a warm-up below 1; importance weights and signals always use the exact log w).
     */
    public StepMetrics step(EpisodeShape shape, double latentWeight) {
        long start = System.nanoTime();
        Episode episode = sampler.sample(shape);
        int pixels = model.config().pixels();
        int targets = episode.targetCount();
        int rows = targets * samples;
        INDArray targetImages = Feeds.images(episode.targets(), targets, pixels);
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(GraphNames.TARGETS, targetImages);
        feed.put(GraphNames.REPEAT, Feeds.repeat(targets, samples));
        feed.put(GraphNames.EPSILON, Feeds.normal(random, rows, model.config().latent()));
        double[] addressTerms = new double[rows];
        double klAddress = 0;
        if (model.config().kind().usesMemory()) {
            INDArray memory = Feeds.images(episode.memory(), episode.memorySize(), pixels);
            feed.put(GraphNames.MEMORY, memory);
            if (model.config().kind() == ModelKind.VMA) {
                AddressPosterior posterior = model.addresses(targetImages, memory);
                int[] addresses = posterior.sample(random, samples);
                feed.put(GraphNames.SELECT, Feeds.oneHot(addresses, episode.memorySize()));
                for (int n = 0; n < rows; n++) {
                    int a = addresses[n];
                    addressTerms[n] = posterior.logP()[a] - posterior.logQ()[n / samples][a];
                }
                for (int b = 0; b < targets; b++) {
                    klAddress += posterior.klDivergence(b) / targets;
                }
            }
        }
        SampleTerms terms = model.terms(feed);
        double[] weights = new double[rows];
        double[] signals = new double[rows];
        double bound = 0;
        double klLatent = 0;
        double reconstruction = 0;
        double[] logWeights = new double[samples];
        for (int b = 0; b < targets; b++) {
            for (int k = 0; k < samples; k++) {
                int n = b * samples + k;
                logWeights[k] = terms.continuousLogWeight(n) + addressTerms[n];
                klLatent += terms.klZ()[n] / rows;
                reconstruction += terms.logPx()[n] / rows;
            }
            ImportanceWeights importance = ImportanceWeights.of(logWeights);
            bound += importance.bound() / targets;
            double[] vimco = VimcoSignals.of(logWeights, importance, signal);
            for (int k = 0; k < samples; k++) {
                weights[b * samples + k] = importance.weights()[k] / targets;
                signals[b * samples + k] = vimco[k] / targets;
            }
        }
        feed.put(GraphNames.WEIGHTS, Feeds.vector(weights));
        feed.put(GraphNames.LATENT_WEIGHT, Feeds.vector(new double[] {latentWeight}));
        if (model.config().kind() == ModelKind.VMA) {
            feed.put(GraphNames.SIGNALS, Feeds.vector(signals));
        }
        model.step(feed);
        return new StepMetrics(
                ++steps, bound, klAddress, klLatent, reconstruction, (System.nanoTime() - start) / 1e6, 0);
    }
}
