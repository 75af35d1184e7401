package org.vmastream.trainer.replay;

/** Why the replay buffer refused an exemplar. */
public enum Rejection {
    /** The data has no values. */
    EMPTY("has no values"),
    /** The number of values differs from the product of the shape. */
    SHAPE_MISMATCH("has a data length that differs from the product of its shape"),
    /** The number of values differs from the buffer's (the model's) data dimension. */
    DIMENSION_MISMATCH("has a data dimension that differs from the buffer's"),
    /** A value is NaN or infinite. */
    NOT_FINITE("has a value that is NaN or infinite"),
    /** A value lies outside [0, 1], so it is no grey level to binarise. */
    OUT_OF_RANGE("has a value outside [0, 1]");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    /** A phrase completing "the exemplar ...". */
    public String description() {
        return description;
    }
}
