package org.vmastream.experiments.omniglot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** A PNG of square images in rows, ink dark on white, with a gap between cells, each pixel scaled up. */
public final class ImageGrid {
    private static final int SCALE = 3;
    private static final int GAP = 4;

    private final int pixels;
    private final int columns;
    private final BufferedImage image;

    /** A blank grid of {@code rows} x {@code columns} cells of {@code pixels} x {@code pixels} images. */
    public ImageGrid(int rows, int columns, int pixels) {
        this.pixels = pixels;
        this.columns = columns;
        int cell = pixels * SCALE + GAP;
        this.image = new BufferedImage(columns * cell + GAP, rows * cell + GAP, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.getRaster().setSample(x, y, 0, 200);
            }
        }
    }

    /** Draws ink probabilities (0..1) at a cell. */
    public void put(int row, int column, float[] values, int offset) {
        if (column >= columns) {
            throw new IllegalArgumentException("column " + column + " of " + columns);
        }
        int cell = pixels * SCALE + GAP;
        for (int y = 0; y < pixels; y++) {
            for (int x = 0; x < pixels; x++) {
                float ink = Math.max(0, Math.min(1, values[offset + y * pixels + x]));
                int grey = Math.round(255 * (1 - ink));
                for (int dy = 0; dy < SCALE; dy++) {
                    for (int dx = 0; dx < SCALE; dx++) {
                        image.getRaster()
                                .setSample(
                                        GAP + column * cell + x * SCALE + dx,
                                        GAP + row * cell + y * SCALE + dy,
                                        0,
                                        grey);
                    }
                }
            }
        }
    }

    /** Writes the grid as a PNG, atomically (a temporary file, then a move). */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        ImageIO.write(image, "png", temporary.toFile());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
