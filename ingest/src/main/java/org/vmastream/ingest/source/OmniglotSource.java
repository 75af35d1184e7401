package org.vmastream.ingest.source;

import java.io.IOException;
import java.util.List;
import org.vmastream.datasets.image.GreyImage;
import org.vmastream.datasets.omniglot.OmniglotEntry;
import org.vmastream.datasets.omniglot.OmniglotInk;
import org.vmastream.datasets.omniglot.OmniglotSet;
import org.vmastream.datasets.omniglot.OmniglotSize;
import org.vmastream.datasets.omniglot.WrongDrawingSizeException;

/**
 * Omniglot drawings as ink images (ink = 1: the PNGs draw black ink, 0, on white, 1), labelled
 * {@code <alphabet>/<character>}, at the chosen {@link OmniglotSize}. Ids name the drawing
 * ({@code omniglot-Greek-character01-0394_01}), not the set, so a drawing that two subsets share (Greek and
 * Latin are in both small background subsets) has one id.
 */
public final class OmniglotSource implements ItemSource {
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
        try {
            return OmniglotInk.read(set, entry);
        } catch (WrongDrawingSizeException e) {
            skips.record(location, SkipReason.WRONG_IMAGE_SIZE, e.getMessage());
        } catch (IOException e) {
            skips.record(location, SkipReason.UNREADABLE_IMAGE, e.getMessage());
        }
        return null;
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
