package org.vmastream.experiments.train;

/**
 * Draws the data of each training step from the step's own random stream
 * ({@code RandomStreams.forStep(seed, step, DATA)}), so that a resumed run sees exactly the data
 * the uninterrupted run would have seen.
 */
interface Episodes {
    /** @param step steps completed before this one (0 for the first) */
    Episode draw(long step);
}
