package org.vmastream.fewshot.eval;

import org.vmastream.fewshot.conv.AddressPosterior;
import org.vmastream.fewshot.conv.Feeds;
import org.vmastream.fewshot.conv.FewShotModel;

/**
 * Few-shot classification with no fine-tuning, feed-forward: p(c|x) = sum over entries a of class c of q(a|x).
 * The memory is the support set; its entries' labels are the classes.
 */
public final class AddressClassifier {
    private final FewShotModel model;

    public AddressClassifier(FewShotModel model) {
        this.model = model;
    }

    /**
     * @param queries      row-major binary images
     * @param memoryLabels class of each support image, 0 .. labelCount - 1
     * @return [queryCount][labelCount] probabilities
     */
    public double[][] classify(float[] queries, int queryCount, float[] support, int[] memoryLabels, int labelCount) {
        int pixels = model.config().pixels();
        AddressPosterior posterior = model.addresses(
                Feeds.images(queries, queryCount, pixels), Feeds.images(support, memoryLabels.length, pixels));
        double[][] probabilities = new double[queryCount][labelCount];
        for (int q = 0; q < queryCount; q++) {
            for (int a = 0; a < memoryLabels.length; a++) {
                probabilities[q][memoryLabels[a]] += Math.exp(posterior.logQ()[q][a]);
            }
        }
        return probabilities;
    }

    /** The most probable class of each row. */
    public static int[] argmax(double[][] probabilities) {
        int[] best = new int[probabilities.length];
        for (int q = 0; q < probabilities.length; q++) {
            for (int c = 1; c < probabilities[q].length; c++) {
                if (probabilities[q][c] > probabilities[q][best[q]]) {
                    best[q] = c;
                }
            }
        }
        return best;
    }
}
