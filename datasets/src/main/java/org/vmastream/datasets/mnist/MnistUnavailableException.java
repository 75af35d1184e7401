package org.vmastream.datasets.mnist;

/**
 * Thrown when the MNIST files are not in the cache (or fail verification) and could not be fetched.
 * The message says what went wrong and what the user can do about it.
 */
public class MnistUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and how to fix it */
    public MnistUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and how to fix it
     * @param cause   the underlying failure
     */
    public MnistUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
