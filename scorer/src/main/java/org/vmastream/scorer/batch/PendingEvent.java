package org.vmastream.scorer.batch;

import org.vmastream.schemas.ScoreRequest;

/**
 * An event waiting for its batch.
 *
 * @param offset        the key in the pending store: its offset in the task's event partition, with
 *                      {@link #REROUTED} set for events that came through the re-routing topic
 * @param arrivalMicros when the scorer received it, microseconds since the epoch
 * @param key           original key bytes (for dead letters)
 * @param value         original value bytes (for dead letters)
 * @param event         the decoded event
 */
public record PendingEvent(long offset, long arrivalMicros, byte[] key, byte[] value, ScoreRequest event) {
    /** Marks the offsets of the re-routing topic apart from the event topic's (offsets stay below 2^62). */
    public static final long REROUTED = 1L << 62;

    /** The pending-store key of an event at {@code offset} of the event topic or of its re-routing topic. */
    public static long key(long offset, boolean rerouted) {
        return rerouted ? offset | REROUTED : offset;
    }

    /** Its offset in the topic it was read from. */
    public long sourceOffset() {
        return offset & ~REROUTED;
    }
}
