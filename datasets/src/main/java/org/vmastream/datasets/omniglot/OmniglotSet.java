package org.vmastream.datasets.omniglot;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The drawings of one Omniglot set (e.g. {@code images_background}), in a folder or a zip with the official
 * layout {@code <alphabet>/<character>/<drawing>.png}. Closing releases the zip.
 */
public interface OmniglotSet extends Closeable {
    /** The set's name, e.g. {@code images_background_small1}. */
    String name();

    /** Where the set is, for messages. */
    String location();

    /** Every drawing, sorted by alphabet, character and drawing. */
    List<OmniglotEntry> entries();

    /** Opens one drawing's PNG; the caller closes the stream. */
    InputStream open(OmniglotEntry entry) throws IOException;
}
