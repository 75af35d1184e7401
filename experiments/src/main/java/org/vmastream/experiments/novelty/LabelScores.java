package org.vmastream.experiments.novelty;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.label.HeadScores;
import org.vmastream.model.label.LabelHead;

/**
 * Images scored by a label head the way the scorer scores events (binarised at 0.5), against the
 * head features of one memory's exemplars.
 *
 * @param energy       the head's energy of every image
 * @param featureMatch its largest feature cosine to a memory exemplar
 */
public record LabelScores(double[] energy, double[] featureMatch) {
    private static final int BATCH = 500;

    /** The unit head features of {@code exemplars} (N x dimension grey, row-major). */
    public static INDArray memoryFeatures(LabelHead head, float[] exemplars, int dimension) {
        return head.features(binarised(exemplars, 0, exemplars.length, dimension));
    }

    /** The head's energy and feature match of every image (N x dimension grey, row-major) against the memory's features. */
    public static LabelScores of(LabelHead head, INDArray memoryFeatures, float[] images, int dimension) {
        int n = images.length / dimension;
        double[] energy = new double[n];
        double[] match = new double[n];
        for (int from = 0; from < n; from += BATCH) {
            int rows = Math.min(BATCH, n - from);
            HeadScores scores = head.score(binarised(images, from * dimension, rows * dimension, dimension));
            System.arraycopy(scores.energy(), 0, energy, from, rows);
            System.arraycopy(scores.bestMatch(memoryFeatures), 0, match, from, rows);
        }
        return new LabelScores(energy, match);
    }

    private static INDArray binarised(float[] values, int from, int count, int dimension) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = values[from + i] > 0.5f ? 1f : 0f;
        }
        return Nd4j.create(out, new long[] {count / dimension, dimension}, 'c');
    }
}
