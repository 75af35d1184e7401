package org.vmastream.ingest.source;

/** Why an input was passed over instead of sent; the summary counts skips per reason. */
public enum SkipReason {
    /** The image file could not be decoded. */
    UNREADABLE_IMAGE("unreadable image"),
    /** The image has other dimensions than the data set's images. */
    WRONG_IMAGE_SIZE("wrong image size"),
    /** A CSV row has another number of cells than the first row. */
    RAGGED_ROW("ragged row"),
    /** A CSV row cannot be split into cells (an unterminated quote). */
    MALFORMED_ROW("malformed row"),
    /** A value is not a number, or is NaN or infinite. */
    NOT_A_NUMBER("not a finite number"),
    /** The item has more values than a memory accepts ({@code memory.max.values}). */
    TOO_LARGE("too many values");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** A few words for the summary. */
    public String description() {
        return description;
    }
}
