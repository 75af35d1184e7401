package org.vmastream.schemas.reference;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which exemplars are held out as references: a fixed share of each memory set, chosen by a hash
 * of the set name and the exemplar id, so the memory store and the trainer (separate processes)
 * agree without talking, and a replay after a crash chooses the same. A reference never enters
 * memory and is never trained on; the scorer scores references like events to learn what the
 * novelty of an event that memory has not seen, but that is like what it has, looks like.
 *
 * <p>The rule, for clients that want to know in advance: murmur2 (Kafka's) of the UTF-8 bytes of
 * {@code set + "\0" + id}, made positive, modulo 10,000, below {@code share * 10,000}.
 *
 * @param share share of exemplars held out, in [0, 1); 0 holds out none
 */
public record ReferenceSplit(double share) {
    private static final int BUCKETS = 10_000;

    public ReferenceSplit {
        if (!(share >= 0 && share < 1)) {
            throw new IllegalArgumentException("the reference share must be in [0, 1), not " + share);
        }
    }

    /** Whether the exemplar {@code id} of memory set {@code set} is a reference. */
    public boolean isReference(String set, String id) {
        if (share == 0) {
            return false;
        }
        byte[] key = (set + '\0' + id).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % BUCKETS < share * BUCKETS;
    }
}
