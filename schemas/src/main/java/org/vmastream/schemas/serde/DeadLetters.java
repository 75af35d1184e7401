package org.vmastream.schemas.serde;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.vmastream.schemas.DeadLetter;

/** Builds {@link DeadLetter} records from a failed record's coordinates, bytes and error. */
public final class DeadLetters {

    private static final int MAX_CAUSE_DEPTH = 32;

    private DeadLetters() {}

    /**
     * Same as {@link #of(byte[], byte[], String, int, long, Throwable, Instant)} stamped now.
     */
    public static DeadLetter of(byte[] key, byte[] value, String topic, int partition, long offset, Throwable error) {
        return of(key, value, topic, partition, offset, error, Instant.now());
    }

    /**
     * @param key the original key bytes, or null
     * @param value the original value bytes, or null
     * @param topic the topic the record was read from
     * @param partition its partition
     * @param offset its offset
     * @param error why it failed; an {@link UndecodableRecordException} anywhere in its cause chain
     *     gives the {@link ErrorType} name as error type, otherwise the error's class name is used
     * @param at when the record was dead-lettered
     * @return the dead letter, holding copies of the original bytes
     */
    public static DeadLetter of(
            byte[] key, byte[] value, String topic, int partition, long offset, Throwable error, Instant at) {
        Throwable cause = undecodableCause(error);
        String errorType = cause instanceof UndecodableRecordException u
                ? u.error().name()
                : error.getClass().getName();
        return letter(key, value, topic, partition, offset, errorType, reason(cause), at);
    }

    /**
     * A dead letter for a record that decoded but was rejected, e.g. by validation.
     *
     * @param errorType machine-readable kind of rejection, e.g. {@link ErrorType#INVALID_EVENT}
     * @param reason plain-sentence explanation for people
     */
    public static DeadLetter rejected(
            byte[] key,
            byte[] value,
            String topic,
            int partition,
            long offset,
            ErrorType errorType,
            String reason,
            Instant at) {
        return letter(key, value, topic, partition, offset, errorType.name(), reason, at);
    }

    private static DeadLetter letter(
            byte[] key,
            byte[] value,
            String topic,
            int partition,
            long offset,
            String errorType,
            String reason,
            Instant at) {
        return DeadLetter.newBuilder()
                .setOriginalKey(copy(key))
                .setOriginalValue(copy(value))
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setErrorType(errorType)
                .setReason(reason)
                .setTimestamp(at)
                .build();
    }

    /** @return the first {@link UndecodableRecordException} in the cause chain, else {@code error} */
    private static Throwable undecodableCause(Throwable error) {
        Throwable t = error;
        // Bounded so that a cyclic cause chain cannot loop forever.
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof UndecodableRecordException) {
                return t;
            }
        }
        return error;
    }

    private static String reason(Throwable error) {
        return error.getMessage() != null
                ? error.getMessage()
                : "A " + error.getClass().getSimpleName() + " was thrown without a message.";
    }

    private static ByteBuffer copy(byte[] bytes) {
        return bytes == null ? null : ByteBuffer.wrap(bytes.clone());
    }
}
