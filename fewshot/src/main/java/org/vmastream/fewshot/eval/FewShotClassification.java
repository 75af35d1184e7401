package org.vmastream.fewshot.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.datasets.episodes.LabelledImages;
import org.vmastream.fewshot.conv.FewShotModel;

/**
 * N-way k-shot classification of held-out characters with a trained VMA, no fine-tuning: each episode puts k
 * drawings of N random classes in memory and classifies one further drawing of each class.
 */
public final class FewShotClassification {
    private final LabelledImages test;
    private final FewShotModel model;
    private final long seed;

    public FewShotClassification(LabelledImages test, FewShotModel model, long seed) {
        this.test = test;
        this.model = model;
        this.seed = seed;
    }

    /** Accuracy from q(a|x) summed per class. */
    public Accuracy byAddresses(int ways, int shots, int episodes, IntConsumer progress) {
        AddressClassifier classifier = new AddressClassifier(model);
        return run(
                ways,
                shots,
                episodes,
                "q(a|x)",
                progress,
                (e, labels) -> classifier.classify(e.targets(), e.targetCount(), e.memory(), labels, ways));
    }

    /** Accuracy from the normalised importance weights of K samples per query. */
    public Accuracy byImportanceWeights(int ways, int shots, int episodes, int samples, IntConsumer progress) {
        BoundEstimator estimator = new BoundEstimator(model, samples, 512, seed + 1);
        return run(
                ways,
                shots,
                episodes,
                "importance-" + samples,
                progress,
                (e, labels) -> estimator.labelPosterior(e.targets(), e.targetCount(), e.memory(), labels, ways));
    }

    private Accuracy run(int ways, int shots, int episodes, String method, IntConsumer progress, Scorer scorer) {
        EpisodeSampler sampler = new EpisodeSampler(test, seed + 100L * ways + shots);
        double[] perEpisode = new double[episodes];
        int queries = 0;
        for (int i = 0; i < episodes; i++) {
            Episode episode = sampler.sample(new EpisodeShape(ways, 1, shots, 0));
            Map<Integer, Integer> local = new HashMap<>();
            for (int cls : episode.targetClass()) {
                local.putIfAbsent(cls, local.size());
            }
            int[] labels = new int[episode.memorySize()];
            for (int a = 0; a < labels.length; a++) {
                labels[a] = local.get(episode.memoryClass()[a]);
            }
            int[] predicted = AddressClassifier.argmax(scorer.probabilities(episode, labels));
            int correct = 0;
            for (int q = 0; q < predicted.length; q++) {
                if (predicted[q] == local.get(episode.targetClass()[q])) {
                    correct++;
                }
            }
            perEpisode[i] = (double) correct / predicted.length;
            queries += predicted.length;
            progress.accept(1);
        }
        return Accuracy.of(ways, shots, method, perEpisode, queries);
    }

    private interface Scorer {
        double[][] probabilities(Episode episode, int[] memoryLabels);
    }
}
