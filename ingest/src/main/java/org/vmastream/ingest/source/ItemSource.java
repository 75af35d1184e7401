package org.vmastream.ingest.source;

import java.io.Closeable;
import java.io.IOException;

/**
 * A pass over the items of one data set, in a fixed order (so that reruns produce the same ids in the same
 * order). Bad inputs are recorded in the {@link Skips} the source was given and passed over; only a failure
 * that ends the whole pass (an unreadable archive, a vanished directory) is thrown. The caller closes the source.
 */
public interface ItemSource extends Closeable {
    /** Returned by {@link #expectedCount()} when the count is not known before reading. */
    long UNKNOWN_COUNT = -1;

    /**
     * @return the next good item, or null when the source is exhausted
     * @throws IOException if reading cannot go on at all
     */
    Item next() throws IOException;

    /** How many inputs (good and bad) the pass goes through, for a progress bar; {@link #UNKNOWN_COUNT} if unknown. */
    long expectedCount();
}
