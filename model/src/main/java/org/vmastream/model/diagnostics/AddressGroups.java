package org.vmastream.model.diagnostics;

import java.util.Arrays;

/**
 * A partition of (some of) the memory's entries into groups, e.g. the class labels of exemplars,
 * so that a score can say which group q(a|x) puts most mass on: feed-forward few-shot
 * classification, p(c|x) ~ sum of q(a|x) over the entries labelled c.
 *
 * @param groupOfEntry for every memory entry (in the memory's row order, fallback entries included),
 *                     its group in [0, groups), or -1 for an entry in no group (e.g. unlabelled)
 * @param groups       number of groups
 */
public record AddressGroups(int[] groupOfEntry, int groups) {
    /** @throws IllegalArgumentException if {@code groups} is negative or an entry's group is out of range */
    public AddressGroups {
        if (groups < 0) {
            throw new IllegalArgumentException("the number of groups must not be negative: " + groups);
        }
        groupOfEntry = groupOfEntry.clone();
        for (int a = 0; a < groupOfEntry.length; a++) {
            if (groupOfEntry[a] < -1 || groupOfEntry[a] >= groups) {
                throw new IllegalArgumentException(
                        "entry " + a + " has group " + groupOfEntry[a] + ", outside [-1, " + groups + ")");
            }
        }
    }

    /** The group of every entry (a fresh copy). */
    @Override
    public int[] groupOfEntry() {
        return groupOfEntry.clone();
    }

    /** Number of memory entries covered. */
    public int entries() {
        return groupOfEntry.length;
    }

    /** The group of entry {@code a}, or -1. */
    public int groupOf(int a) {
        return groupOfEntry[a];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressGroups g && groups == g.groups && Arrays.equals(groupOfEntry, g.groupOfEntry);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(groupOfEntry) + groups;
    }

    @Override
    public String toString() {
        return "AddressGroups[groups=" + groups + ", groupOfEntry=" + Arrays.toString(groupOfEntry) + "]";
    }
}
