package org.vmastream.scorer.batch;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.label.HeadScores;
import org.vmastream.model.label.LabelHead;
import org.vmastream.scorer.cache.AddressableMemory;

/**
 * What the label head says about a set's events (or references), in their order.
 *
 * @param energy       the head's energy of each
 * @param featureMatch each one's largest feature cosine to a memory exemplar
 * @param labels       each one's most probable label
 * @param probability  that label's probability
 */
record HeadTerms(double[] energy, double[] featureMatch, String[] labels, double[] probability) {
    /**
     * The head's terms for binarised inputs {@code x}, or null when the model version has no head for
     * this memory (see {@link AddressableMemory#headFeatures()}).
     */
    static HeadTerms of(LabelHead head, AddressableMemory memory, INDArray x) {
        if (head == null || memory.headFeatures() == null) {
            return null;
        }
        HeadScores scores = head.score(x);
        String[] labels = new String[scores.best().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = head.labels().get(scores.best()[i]);
        }
        return new HeadTerms(scores.energy(), scores.bestMatch(memory.headFeatures()), labels, scores.probability());
    }
}
