package org.vmastream.datasets.image;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/**
 * Decodes an image file (PNG, or anything else ImageIO reads) into grey levels in [0,1], 0 = black, 1 = white.
 *
 * <p>Grey images (with or without alpha) are read from their raw samples, scaled by the largest sample of their
 * bit depth: {@code BufferedImage.getRGB} would pass them through a colour-space conversion that changes the
 * levels. Palette images (which is how ImageIO reads one-bit PNGs such as Omniglot's) go through a grey level per
 * palette entry, colour images through luminance (ITU-R BT.601 weights). Transparent pixels are composited over
 * white, since a transparent background means paper, not ink. Pixels are fetched in bulk, not one call each.
 */
public final class GreyImageReader {
    private GreyImageReader() {}

    /**
     * @param in the encoded image; not closed here
     * @return the decoded grey levels
     * @throws IOException if the bytes are not an image ImageIO can decode
     */
    public static GreyImage read(InputStream in) throws IOException {
        BufferedImage image;
        try {
            image = ImageIO.read(in);
        } catch (RuntimeException e) {
            // Some ImageIO plugins signal corrupt data with unchecked exceptions; for the caller it is one bad file.
            throw new IOException("cannot decode the image: " + e, e);
        }
        if (image == null) {
            throw new IOException("not an image format ImageIO can read");
        }
        float[] values;
        if (image.getColorModel() instanceof IndexColorModel palette) {
            values = fromPalette(image.getRaster(), palette);
        } else if (image.getRaster().getNumBands() <= 2) {
            values = fromGreySamples(image.getRaster());
        } else {
            values = fromColours(image);
        }
        return new GreyImage(image.getHeight(), image.getWidth(), values);
    }

    private static float[] fromPalette(Raster raster, IndexColorModel palette) {
        float[] greyOfIndex = new float[palette.getMapSize()];
        for (int i = 0; i < greyOfIndex.length; i++) {
            greyOfIndex[i] = greyOfArgb(palette.getRGB(i));
        }
        int[] indices = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0, (int[]) null);
        float[] values = new float[indices.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = greyOfIndex[indices[i]];
        }
        return values;
    }

    private static float[] fromGreySamples(Raster raster) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] grey = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        float greyMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        boolean alpha = raster.getNumBands() == 2;
        int[] opacity = alpha ? raster.getSamples(0, 0, width, height, 1, (int[]) null) : null;
        float alphaMax = alpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1f;
        float[] values = new float[grey.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = overWhite(grey[i] / greyMax, alpha ? opacity[i] / alphaMax : 1f);
        }
        return values;
    }

    private static float[] fromColours(BufferedImage image) {
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        float[] values = new float[argb.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = greyOfArgb(argb[i]);
        }
        return values;
    }

    private static float greyOfArgb(int argb) {
        float luminance =
                (0.299f * ((argb >> 16) & 0xFF) + 0.587f * ((argb >> 8) & 0xFF) + 0.114f * (argb & 0xFF)) / 255f;
        return overWhite(luminance, ((argb >>> 24) & 0xFF) / 255f);
    }

    /** Composites a grey level of the given opacity over white, clamped against rounding just past 1. */
    private static float overWhite(float grey, float opacity) {
        return Math.min(1f, opacity * grey + (1f - opacity));
    }
}
