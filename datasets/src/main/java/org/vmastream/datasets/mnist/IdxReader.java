package org.vmastream.datasets.mnist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a pair of uncompressed MNIST IDX files (images and labels) into a {@link MnistDataset}.
 *
 * <p>Images file: big-endian int32 magic {@code 0x00000803}, count, rows, cols, then {@code count*rows*cols}
 * unsigned bytes. Labels file: magic {@code 0x00000801}, count, then {@code count} bytes. Anything else, including
 * trailing bytes, is refused with an {@link IdxFormatException} naming the file, because a silently misread
 * dataset is far more expensive than a loud failure.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    private static final int DIGITS = 10;

    /** Exact grey levels {@code b/255f} for every unsigned byte, so 255 maps to exactly 1.0. */
    private static final float[] GREY = new float[256];

    static {
        for (int b = 0; b < GREY.length; b++) {
            GREY[b] = b / 255f;
        }
    }

    private IdxReader() {}

    /**
     * Reads an images file and its labels file.
     *
     * @param imagesFile IDX images file (magic {@code 0x00000803}, 28x28 images)
     * @param labelsFile IDX labels file (magic {@code 0x00000801}, labels 0..9)
     * @return the images as grey levels in [0,1] with their labels
     * @throws IdxFormatException if either file is corrupt or the two counts differ
     * @throws IOException        if a file cannot be read
     */
    public static MnistDataset read(Path imagesFile, Path labelsFile) throws IOException {
        float[] grey = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile);
        int images = grey.length / MnistDataset.PIXELS;
        if (images != labels.length) {
            throw new IdxFormatException("Count mismatch: " + imagesFile + " holds " + images + " images but "
                    + labelsFile + " holds " + labels.length + " labels");
        }
        return new MnistDataset(grey, labels);
    }

    private static float[] readImages(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = header(file, bytes, IMAGES_HEADER_BYTES, IMAGES_MAGIC, "images");
        int count = count(file, header.getInt());
        int rows = header.getInt();
        int cols = header.getInt();
        if (rows != MnistDataset.ROWS || cols != MnistDataset.COLS) {
            throw corrupt(
                    file,
                    "wrong dimensions " + rows + "x" + cols + ", expected " + MnistDataset.ROWS + "x"
                            + MnistDataset.COLS);
        }
        checkLength(
                file,
                bytes.length,
                IMAGES_HEADER_BYTES,
                (long) count * MnistDataset.PIXELS,
                count + " images of " + rows + "x" + cols);
        float[] grey = new float[count * MnistDataset.PIXELS];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = GREY[bytes[IMAGES_HEADER_BYTES + i] & 0xFF];
        }
        return grey;
    }

    private static byte[] readLabels(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer header = header(file, bytes, LABELS_HEADER_BYTES, LABELS_MAGIC, "labels");
        int count = count(file, header.getInt());
        checkLength(file, bytes.length, LABELS_HEADER_BYTES, count, count + " labels");
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            int label = bytes[LABELS_HEADER_BYTES + i] & 0xFF;
            if (label >= DIGITS) {
                throw corrupt(file, "label " + label + " at index " + i + " is outside 0..9");
            }
            labels[i] = (byte) label;
        }
        return labels;
    }

    /** Checks the size and magic number and returns a big-endian view positioned after the magic number. */
    private static ByteBuffer header(Path file, byte[] bytes, int headerBytes, int magic, String kind) {
        if (bytes.length < headerBytes) {
            throw corrupt(
                    file,
                    "truncated: " + bytes.length + " bytes is shorter than the " + headerBytes
                            + "-byte header of an IDX " + kind + " file");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, headerBytes); // big-endian by default, as IDX requires
        int actual = header.getInt();
        if (actual != magic) {
            throw corrupt(
                    file,
                    String.format(
                            "wrong magic number 0x%08X, expected 0x%08X for an IDX %s file", actual, magic, kind));
        }
        return header;
    }

    private static int count(Path file, int count) {
        if (count < 0) {
            throw corrupt(file, "negative item count " + count);
        }
        return count;
    }

    private static void checkLength(Path file, long actualBytes, int headerBytes, long dataBytes, String what) {
        long expected = headerBytes + dataBytes;
        if (actualBytes < expected) {
            throw corrupt(
                    file,
                    "truncated: header declares " + what + " (" + expected + " bytes) but the file has " + actualBytes
                            + " bytes");
        }
        if (actualBytes > expected) {
            throw corrupt(
                    file,
                    (actualBytes - expected) + " unexpected trailing bytes after the " + what
                            + " declared in the header");
        }
    }

    private static IdxFormatException corrupt(Path file, String problem) {
        return new IdxFormatException("Corrupt IDX file " + file + ": " + problem);
    }
}
