package org.vmastream.memory;

/** What a full memory set gives up when a new exemplar arrives. */
public enum EvictionPolicy {
    /** Drop the oldest exemplar: the memory follows the stream. */
    FIFO,
    /**
     * Keep a uniform sample of everything offered (Vitter's algorithm R): the n-th exemplar enters
     * with probability capacity/n, replacing a uniformly chosen one.
     */
    RESERVOIR
}
