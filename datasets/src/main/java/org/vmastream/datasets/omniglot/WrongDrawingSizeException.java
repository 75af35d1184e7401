package org.vmastream.datasets.omniglot;

import java.io.IOException;

/**
 * An Omniglot drawing that decodes but is not 105x105. A distinct type so that a reader that passes over bad
 * inputs can report it apart from an undecodable file.
 */
public final class WrongDrawingSizeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message the size found and the size expected */
    public WrongDrawingSizeException(String message) {
        super(message);
    }
}
