package org.vmastream.scorer.cache;

import org.vmastream.schemas.serde.ErrorType;

/** A memory set that the current model cannot address (wrong width, or empty without fallback entries). */
public final class MemoryMismatchException extends RuntimeException {
    private final ErrorType errorType;

    public MemoryMismatchException(ErrorType errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** Dead-letter error type for the events that addressed this memory. */
    public ErrorType errorType() {
        return errorType;
    }
}
