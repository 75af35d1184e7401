package org.vmastream.scorer.batch;

import org.vmastream.schemas.ScoreRequest;

/**
 * An event waiting for its batch.
 *
 * @param offset        its offset in the task's event partition (the key in the pending store)
 * @param arrivalMicros when the scorer received it, microseconds since the epoch
 * @param key           original key bytes (for dead letters)
 * @param value         original value bytes (for dead letters)
 * @param event         the decoded event
 */
public record PendingEvent(long offset, long arrivalMicros, byte[] key, byte[] value, ScoreRequest event) {}
