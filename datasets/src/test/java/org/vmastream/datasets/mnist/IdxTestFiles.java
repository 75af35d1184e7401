package org.vmastream.datasets.mnist;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small synthetic IDX files, well-formed or deliberately broken. */
final class IdxTestFiles {

    private IdxTestFiles() {}

    /** Image {@code i} has every pixel equal to {@code (i * 40 + pixel) % 256}, so images differ and cover 0..255. */
    static byte[] pixels(int count) {
        byte[] pixels = new byte[count * MnistDataset.PIXELS];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < MnistDataset.PIXELS; p++) {
                pixels[i * MnistDataset.PIXELS + p] = (byte) ((i * 40 + p) % 256);
            }
        }
        return pixels;
    }

    static Path images(Path file, int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) { // big-endian, as IDX requires
            out.writeInt(magic);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        }
        return Files.write(file, bytes.toByteArray());
    }

    static Path images(Path file, byte[] pixels) throws IOException {
        return images(file, IdxReader.IMAGES_MAGIC, pixels.length / MnistDataset.PIXELS, 28, 28, pixels);
    }

    static Path labels(Path file, int magic, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            out.writeInt(count);
            out.write(labels);
        }
        return Files.write(file, bytes.toByteArray());
    }

    static Path labels(Path file, byte... labels) throws IOException {
        return labels(file, IdxReader.LABELS_MAGIC, labels.length, labels);
    }
}
