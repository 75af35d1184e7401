package org.vmastream.memory.store;

/**
 * The contents of one memory set at one version, oldest entry first: what a scorer addresses.
 * The arrays are owned by the snapshot; callers must not modify them.
 *
 * @param memorySet name of the set
 * @param version   the set's version (grows with every change)
 * @param dimension values per entry
 * @param ids       exemplar ids, one per entry
 * @param labels    exemplar labels (null where unlabelled), one per entry
 * @param values    entry values, row-major, size x dimension
 */
public record MemorySnapshot(
        String memorySet, long version, int dimension, String[] ids, String[] labels, float[] values) {
    /** Number of entries. */
    public int size() {
        return ids.length;
    }
}
