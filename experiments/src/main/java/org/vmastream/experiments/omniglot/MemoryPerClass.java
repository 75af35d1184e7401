package org.vmastream.experiments.omniglot;

import java.util.SplittableRandom;

/**
 * Examples per class in a training episode's memory: one number, or a range {@code min-max} drawn uniformly per
 * episode, so that one model serves every column of the evaluation grid.
 *
 * @param min fewest examples per class
 * @param max most examples per class
 */
public record MemoryPerClass(int min, int max) {
    /** Checks that 1 <= min <= max. */
    public MemoryPerClass {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("examples per class in memory must be a number >= 1 or a range "
                    + "min-max with 1 <= min <= max, got " + min + "-" + max);
        }
    }

    /** Parses {@code 4} or {@code 1-8}. */
    public static MemoryPerClass parse(String text) {
        try {
            int dash = text.indexOf('-');
            if (dash < 0) {
                int n = Integer.parseInt(text.trim());
                return new MemoryPerClass(n, n);
            }
            return new MemoryPerClass(
                    Integer.parseInt(text.substring(0, dash).trim()),
                    Integer.parseInt(text.substring(dash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "examples per class in memory must be a number or a range like " + "1-8, got '" + text + "'");
        }
    }

    /** One draw for an episode. */
    public int draw(SplittableRandom random) {
        return min == max ? min : min + random.nextInt(max - min + 1);
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
