package org.vmastream.scorer.novelty;

/**
 * What novelty is computed from, for one event or reference.
 *
 * @param memoryMatch    largest cosine between its matching vector and a memory exemplar's
 * @param addressEntropy entropy of its q(a|x), in nats
 * @param bound          its bound L_K, in nats
 * @param headEnergy     the label head's energy, or NaN without a head
 * @param featureMatch   largest cosine between its label-head features and a memory exemplar's, or NaN without a head
 */
public record NoveltyTerms(
        double memoryMatch, double addressEntropy, double bound, double headEnergy, double featureMatch) {
    /** Terms of a model version without a label head. */
    public static NoveltyTerms unlabelled(double memoryMatch, double addressEntropy, double bound) {
        return new NoveltyTerms(memoryMatch, addressEntropy, bound, Double.NaN, Double.NaN);
    }
}
