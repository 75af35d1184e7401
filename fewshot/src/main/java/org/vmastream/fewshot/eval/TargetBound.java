package org.vmastream.fewshot.eval;

/**
 * The large-K estimate for one target against one memory.
 *
 * @param bound          L_K
 * @param klAddress      KL(q(a|x) || p(a)), exact (0 without addresses)
 * @param klLatent       KL(q(z|m_a,x) || p(z|m_a)) averaged over the K samples of a
 * @param reconstruction log p(x|z,m_a) averaged over the K samples
 */
public record TargetBound(double bound, double klAddress, double klLatent, double reconstruction) {}
