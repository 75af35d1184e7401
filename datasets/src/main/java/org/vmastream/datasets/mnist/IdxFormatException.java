package org.vmastream.datasets.mnist;

/** Thrown when an IDX file is corrupt or is not the kind of IDX file expected; the message names the file. */
public class IdxFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, including the file name(s) */
    public IdxFormatException(String message) {
        super(message);
    }
}
