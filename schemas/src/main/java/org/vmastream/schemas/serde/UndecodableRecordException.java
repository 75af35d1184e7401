package org.vmastream.schemas.serde;

import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Thrown when bytes read from a topic cannot be decoded into a record. Carries a machine-readable
 * {@link ErrorType} and a plain-sentence reason (the exception message) so that a processor can
 * route the bytes to a dead-letter topic instead of failing.
 */
public final class UndecodableRecordException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final ErrorType error;

    /**
     * @param error what kind of failure it was
     * @param reason a plain sentence explaining the failure to a person
     */
    public UndecodableRecordException(ErrorType error, String reason) {
        super(reason);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * @param error what kind of failure it was
     * @param reason a plain sentence explaining the failure to a person
     * @param cause the underlying decoding failure
     */
    public UndecodableRecordException(ErrorType error, String reason, Throwable cause) {
        super(reason, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** @return the machine-readable kind of failure */
    public ErrorType error() {
        return error;
    }

    /** @return the plain-sentence explanation, the same as {@link #getMessage()} */
    public String reason() {
        return getMessage();
    }
}
