package org.vmastream.scorer.batch;

import java.util.List;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.scorer.cache.AddressableMemory;

/**
 * The scorable events of one memory set in a batch, with the memory they are scored against: what
 * the scoring thread needs, taken on the stream thread (which alone reads the state stores).
 *
 * @param set        the memory set
 * @param state      the set's bookkeeping when the batch was taken (version and size, for the scores)
 * @param memory     the set's encoded memory for the batch's model version
 * @param events     the events, in arrival order
 * @param references the set's reference pool, to be scored with the events because its scores are
 *                   stale; null when they are fresh
 */
record SetBatch(
        String set,
        MemorySetState state,
        AddressableMemory memory,
        List<PendingEvent> events,
        MemorySnapshot references) {}
