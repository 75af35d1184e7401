package org.vmastream.model.train;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from (seed, step, purpose), so that a run resumed at step t
 * draws exactly what the uninterrupted run would have drawn, with no generator state to save.
 */
public final class RandomStreams {
    /** Stream for the model's sampling noise. */
    public static final long NOISE = 1;
    /** Stream for choosing training data (batches, memories, binarisation). */
    public static final long DATA = 2;
    /** Stream for the label head's minibatches. */
    public static final long LABEL_HEAD = 3;

    private RandomStreams() {}

    /** The stream of one purpose at one step of a run. */
    public static SplittableRandom forStep(long seed, long step, long purpose) {
        return new SplittableRandom(mix(mix(seed) ^ mix(step * 31 + purpose)));
    }

    /** SplitMix64 finaliser: spreads nearby inputs far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
