package org.vmastream.experiments.novelty;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.VmaModel;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.memory.MemoryEncoding;

/**
 * Images scored against one memory the way the scorer scores events: binarised at 0.5, K = 4
 * samples, in batches of {@value #BATCH}.
 *
 * @param bound       L_K of every image
 * @param memoryMatch its best cosine match among the memory's exemplars
 * @param klAddress   KL(q(a|x) || p(a))
 * @param entropy     H(q(a|x))
 * @param labelMass   the largest total q(a|x) on the exemplars of one label
 */
public record MemoryScores(
        double[] bound, double[] memoryMatch, double[] klAddress, double[] entropy, double[] labelMass) {
    private static final int BATCH = 500;
    /** Importance samples K per image, the scorer's default. */
    public static final int SAMPLES = 4;
    /** MNIST's labels, the groups of q(a|x) mass. */
    private static final int LABELS = 10;

    /**
     * Scores {@code images} (N x 784 grey, row-major) against {@code encoding}, whose exemplars (its first
     * entries, before any fallback entries) carry {@code memoryLabels}.
     */
    public static MemoryScores of(
            VmaModel model, MemoryEncoding encoding, int[] memoryLabels, float[] images, int dimension, long seed) {
        int n = images.length / dimension;
        double[] bound = new double[n];
        double[] match = new double[n];
        double[] kl = new double[n];
        double[] entropy = new double[n];
        double[] labelMass = new double[n];
        AddressGroups groups = groups(memoryLabels, encoding.size());
        BatchScorer scorer = new BatchScorer(model, SAMPLES, SAMPLES, 0);
        SplittableRandom random = new SplittableRandom(seed);
        for (int from = 0; from < n; from += BATCH) {
            int rows = Math.min(BATCH, n - from);
            INDArray x = Nd4j.create(
                    binarised(images, from * dimension, rows * dimension), new long[] {rows, dimension}, 'c');
            List<ExampleDiagnostics> scored = scorer.score(x, encoding, random, groups);
            for (int i = 0; i < rows; i++) {
                ExampleDiagnostics d = scored.get(i);
                bound[from + i] = d.bound();
                match[from + i] = d.memoryMatch();
                kl[from + i] = d.klAddress();
                entropy[from + i] = d.addressEntropy();
                labelMass[from + i] = d.bestGroupMass();
            }
        }
        return new MemoryScores(bound, match, kl, entropy, labelMass);
    }

    private static AddressGroups groups(int[] memoryLabels, int entries) {
        int[] groupOf = new int[entries];
        Arrays.fill(groupOf, -1);
        System.arraycopy(memoryLabels, 0, groupOf, 0, memoryLabels.length);
        return new AddressGroups(groupOf, LABELS);
    }

    /** The memory the scorer would build from these exemplars (binarised at 0.5). */
    public static MemoryEncoding encode(VmaModel model, float[] exemplars, int dimension) {
        INDArray rows = Nd4j.create(
                binarised(exemplars, 0, exemplars.length), new long[] {exemplars.length / dimension, dimension}, 'c');
        return model.encodeMemory(model.memoryFor(rows));
    }

    private static float[] binarised(float[] values, int from, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[from + i] > 0.5f ? 1f : 0f;
        }
        return out;
    }
}
