package org.vmastream.fewshot.train;

/**
 * Means over the targets of one training episode.
 *
 * @param bound          L_K
 * @param klAddress      KL(q(a|x) || p(a)), exact (0 without addresses)
 * @param klLatent       KL(q(z|m_a,x) || p(z|m_a)) averaged over the K samples
 * @param reconstruction log p(x|z,m_a) averaged over the K samples
 */
public record StepMetrics(double bound, double klAddress, double klLatent, double reconstruction) {
}
