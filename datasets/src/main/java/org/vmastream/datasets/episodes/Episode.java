package org.vmastream.datasets.episodes;

import java.util.Objects;

/**
 * One few-shot episode: a memory of drawings and the targets to score against it, with the class of each.
 * Classes are the indices of the {@link LabelledImages} the episode was drawn from. The arrays are owned by the
 * episode once it is built; nobody modifies them afterwards (records of arrays compare by identity).
 *
 * @param memory      {@code memorySize() x dimension} values, row-major, in shuffled order
 * @param memoryClass the class of each memory drawing
 * @param targets     {@code targetCount() x dimension} values, row-major
 * @param targetClass the class of each target
 * @param dimension   values per drawing
 */
public record Episode(float[] memory, int[] memoryClass, float[] targets, int[] targetClass, int dimension) {
    /** Checks that the arrays hold whole drawings, one per class entry. */
    public Episode {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(memoryClass, "memoryClass");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(targetClass, "targetClass");
        if (dimension < 1
                || (long) memoryClass.length * dimension != memory.length
                || (long) targetClass.length * dimension != targets.length) {
            throw new IllegalArgumentException("an episode of " + memoryClass.length + " memory drawings and "
                    + targetClass.length + " targets of dimension " + dimension + " cannot hold " + memory.length
                    + " memory and " + targets.length + " target values");
        }
    }

    /** Drawings in memory. */
    public int memorySize() {
        return memoryClass.length;
    }

    /** Targets to score. */
    public int targetCount() {
        return targetClass.length;
    }
}
