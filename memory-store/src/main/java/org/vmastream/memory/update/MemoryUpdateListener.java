package org.vmastream.memory.update;

import org.vmastream.memory.store.MemoryWriter;

/** Hears what the memory store did, e.g. to count it in metrics. Called on the stream thread. */
public interface MemoryUpdateListener {
    /** Does nothing. */
    MemoryUpdateListener NONE = new MemoryUpdateListener() {};

    default void inserted(String set, MemoryWriter.Outcome outcome) {}

    default void deleted(String set, boolean existed) {}

    default void cleared(String set, int removed) {}

    default void deadLettered(String errorType) {}
}
