package org.vmastream.model.checkpoint;

/** A checkpoint that cannot be loaded: unknown format version, corrupt bytes or shapes that do not fit. */
public final class CheckpointFormatException extends RuntimeException {
    /** With a sentence that says what is wrong and what to do. */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** With a sentence and the underlying cause. */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
