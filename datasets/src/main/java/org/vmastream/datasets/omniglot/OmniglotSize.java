package org.vmastream.datasets.omniglot;

import org.vmastream.datasets.image.AreaResize;
import org.vmastream.datasets.image.GreyImage;
import org.vmastream.datasets.image.MaxPool;

/** The resolution Omniglot's 105x105 drawings are read at. */
public enum OmniglotSize {
    /** 26x26: 4x4 max-pooling of the top-left 104x104 pixels, the paper's few-shot input; strokes stay solid. */
    POOLED_26(26),
    /** 28x28 by area averaging, the size of the paper's unconditional Omniglot results; grey levels at edges. */
    AREA_28(28),
    /** The original 105x105 pixels. */
    FULL_105(105);

    private static final int POOL = 4;

    private final int pixels;

    OmniglotSize(int pixels) {
        this.pixels = pixels;
    }

    /**
     * @param pixels 26, 28 or 105
     * @return the size with that edge length
     * @throws IllegalArgumentException for any other number
     */
    public static OmniglotSize ofPixels(int pixels) {
        for (OmniglotSize size : values()) {
            if (size.pixels == pixels) {
                return size;
            }
        }
        throw new IllegalArgumentException("Omniglot images can be read at 26 (4x4 max-pooled), 28 (area-averaged) "
                + "or 105 (original) pixels, not " + pixels);
    }

    /** Edge length in pixels. */
    public int pixels() {
        return pixels;
    }

    /** Brings a 105x105 ink image to this size. */
    public GreyImage apply(GreyImage ink) {
        return switch (this) {
            case POOLED_26 -> MaxPool.pool(ink, POOL);
            case AREA_28 -> AreaResize.resize(ink, pixels, pixels);
            case FULL_105 -> ink;
        };
    }
}
