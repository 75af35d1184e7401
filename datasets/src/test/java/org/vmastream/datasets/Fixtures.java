package org.vmastream.datasets;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small image files written by the tests themselves: PNGs and zips of them. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A 1-bit image, white (1) except for black (0) pixels at the given {row, col} pairs, like Omniglot's. */
    public static BufferedImage oneBit(int height, int width, int[]... blackPixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
        WritableRaster raster = image.getRaster();
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                raster.setSample(c, r, 0, 1);
            }
        }
        for (int[] pixel : blackPixels) {
            raster.setSample(pixel[1], pixel[0], 0, 0);
        }
        return image;
    }

    /** An 8-bit grey image with the given byte levels, row-major. */
    public static BufferedImage grey8(int height, int width, int... levels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setPixels(0, 0, width, height, levels);
        return image;
    }

    /** The image encoded as PNG bytes. */
    public static byte[] pngBytes(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bytes to the file, creating parent folders. */
    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** Writes a zip with the given entries (name to bytes), in the given map's order. */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return file;
    }
}
