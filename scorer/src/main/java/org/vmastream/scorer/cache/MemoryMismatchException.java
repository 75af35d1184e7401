package org.vmastream.scorer.cache;

/** A memory set that the current model cannot address (wrong width, or empty without fallback entries). */
public final class MemoryMismatchException extends RuntimeException {
    private final String errorType;

    public MemoryMismatchException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    /** Dead-letter error type for the events that addressed this memory. */
    public String errorType() {
        return errorType;
    }
}
