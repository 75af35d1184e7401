package org.vmastream.model.addressing;

/**
 * Finds the memory entries whose unit address keys have the largest inner product with a unit
 * query: the entries that carry most of q(a|x), since q is a softmax of those inner products
 * scaled by the query's norm. Implementations must allow concurrent calls.
 */
@FunctionalInterface
public interface AddressSearch {
    /**
     * @param unitQuery the query scaled to unit length
     * @param count     how many entries to return at most
     * @return distinct entry indices, best first
     */
    int[] nearest(float[] unitQuery, int count);
}
