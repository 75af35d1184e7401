package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.io.InputStream;
import org.vmastream.datasets.image.GreyImage;
import org.vmastream.datasets.image.GreyImageReader;

/**
 * Decodes one Omniglot drawing as ink at its original size. The PNGs draw black ink (0) on white paper (1); the
 * models, like MNIST, want ink = 1, so the grey levels are inverted.
 */
public final class OmniglotInk {
    /** Edge of the original drawings. */
    public static final int ORIGINAL_PIXELS = 105;

    private OmniglotInk() {}

    /**
     * @param set   the set holding the drawing
     * @param entry the drawing
     * @return the {@value #ORIGINAL_PIXELS}x{@value #ORIGINAL_PIXELS} ink image, values in [0,1]
     * @throws WrongDrawingSizeException if the image has other dimensions
     * @throws IOException               if the drawing cannot be read or decoded
     */
    public static GreyImage read(OmniglotSet set, OmniglotEntry entry) throws IOException {
        GreyImage grey;
        try (InputStream in = set.open(entry)) {
            grey = GreyImageReader.read(in);
        }
        if (grey.height() != ORIGINAL_PIXELS || grey.width() != ORIGINAL_PIXELS) {
            throw new WrongDrawingSizeException(grey.height() + "x" + grey.width() + " pixels, expected "
                    + ORIGINAL_PIXELS + "x" + ORIGINAL_PIXELS);
        }
        return grey.inverted();
    }
}
