package org.vmastream.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.vmastream.ingest.image.GreyImage;
import org.vmastream.ingest.image.GreyImageReader;

/**
 * Omniglot drawings as ink images (ink = 1: the PNGs draw black ink, 0, on white, 1), labelled
 * {@code <alphabet>/<character>}, at the chosen {@link OmniglotSize}. Ids name the drawing
 * ({@code omniglot-Greek-character01-0394_01}), not the set, so a drawing that two subsets share (Greek and
 * Latin are in both small background subsets) has one id.
 */
public final class OmniglotSource implements ItemSource {
    /** Edge of the original drawings. */
    public static final int ORIGINAL_PIXELS = 105;

    private final OmniglotSet set;
    private final OmniglotSize size;
    private final Skips skips;
    private final String source;
    private final List<OmniglotEntry> entries;
    private int next;

    /**
     * @param set   the drawings; closed with this source
     * @param size  resolution of the items
     * @param skips where unreadable or wrongly sized drawings are recorded
     */
    public OmniglotSource(OmniglotSet set, OmniglotSize size, Skips skips) {
        this.set = set;
        this.size = size;
        this.skips = skips;
        this.source = "omniglot-" + set.name().replaceFirst("^images_", "");
        this.entries = set.entries();
    }

    @Override
    public Item next() {
        while (next < entries.size()) {
            OmniglotEntry entry = entries.get(next++);
            GreyImage ink = read(entry);
            if (ink != null) {
                GreyImage sized = size.apply(ink);
                String id = "omniglot-" + entry.alphabet() + "-" + entry.character() + "-" + entry.drawing();
                return new Item(id, entry.label(), sized.shape(), sized.values(), source);
            }
        }
        return null;
    }

    /** The drawing as ink, or null (recorded as a skip) if it is unreadable or not 105x105. */
    private GreyImage read(OmniglotEntry entry) {
        String location = set.location() + ":" + entry.path();
        GreyImage grey;
        try (InputStream in = set.open(entry)) {
            grey = GreyImageReader.read(in);
        } catch (IOException e) {
            skips.record(location, SkipReason.UNREADABLE_IMAGE, e.getMessage());
            return null;
        }
        if (grey.height() != ORIGINAL_PIXELS || grey.width() != ORIGINAL_PIXELS) {
            skips.record(location, SkipReason.WRONG_IMAGE_SIZE, grey.height() + "x" + grey.width()
                    + " pixels, expected " + ORIGINAL_PIXELS + "x" + ORIGINAL_PIXELS);
            return null;
        }
        return grey.inverted();
    }

    @Override
    public long expectedCount() {
        return entries.size();
    }

    @Override
    public void close() throws IOException {
        set.close();
    }
}
