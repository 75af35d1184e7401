package org.vmastream.model.train;

/**
 * Batch averages of one training step.
 *
 * @param step           number of the step (1-based)
 * @param bound          mean L_K over the batch
 * @param klAddress      mean exact KL(q(a|x) || p(a))
 * @param klLatent       mean KL(q(z|m_a,x) || p(z|m_a)) over the sampled addresses
 * @param reconstruction mean log p(x|z,m_a) over the samples
 * @param millis         wall time of the step
 * @param entriesDrawn   distinct memory entries the step's samples addressed (0 without memory, and
 *                       from trainers that do not count them)
 */
public record StepMetrics(
        long step,
        double bound,
        double klAddress,
        double klLatent,
        double reconstruction,
        double millis,
        int entriesDrawn) {}
