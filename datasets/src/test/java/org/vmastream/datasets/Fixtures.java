package org.vmastream.datasets;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Small input files written by the tests themselves: PNGs, zips and MNIST IDX files. Shared with other modules'
 * tests through this module's test-jar.
 */
public final class Fixtures {
    private Fixtures() {}

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

    /** Writes the image as a PNG, creating parent folders. */
    public static Path png(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer for " + image);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /**
     * Writes an MNIST-style pair of IDX files (28x28 images) in {@code directory} under the names of a split.
     *
     * @param pixels one 784-byte image per label
     */
    public static void idx(Path directory, String imagesName, String labelsName, byte[][] pixels, int[] labels)
            throws IOException {
        Files.createDirectories(directory);
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(images)) {
            out.writeInt(0x00000803);
            out.writeInt(pixels.length);
            out.writeInt(28);
            out.writeInt(28);
            for (byte[] image : pixels) {
                out.write(image);
            }
        }
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(labelBytes)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        }
        Files.write(directory.resolve(imagesName), images.toByteArray());
        Files.write(directory.resolve(labelsName), labelBytes.toByteArray());
    }
}
