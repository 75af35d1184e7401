package org.vmastream.experiments.train;

/**
 * Training metrics averaged over the last steps of a session.
 *
 * @param steps     how many steps the means cover
 * @param bound     mean training bound
 * @param klAddress mean KL(q(a|x) || p(a))
 * @param klLatent  mean KL over z
 * @param msPerStep mean wall time per step, data included
 */
public record TrainMeans(int steps, double bound, double klAddress, double klLatent, double msPerStep) {}
