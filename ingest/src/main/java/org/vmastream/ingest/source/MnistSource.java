package org.vmastream.ingest.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.vmastream.datasets.mnist.IdxReader;
import org.vmastream.datasets.mnist.Mnist;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.datasets.mnist.MnistFetcher;
import org.vmastream.datasets.mnist.MnistSplit;

/**
 * MNIST images of one split as 28x28 grey levels (byte / 255) labelled with their digit, optionally only some
 * digits. The id holds the image's index in the original file ({@code mnist-train-00042}), so it stays the
 * same whatever digits are chosen.
 */
public final class MnistSource implements ItemSource {
    private static final int[] SHAPE = {MnistDataset.ROWS, MnistDataset.COLS};

    private final MnistDataset dataset;
    private final DigitSet digits;
    private final String source;
    private final long expected;
    private int next;

    private MnistSource(MnistDataset dataset, MnistSplit split, DigitSet digits) {
        this.dataset = dataset;
        this.digits = digits;
        this.source = "mnist-" + split.name().toLowerCase(Locale.ROOT);
        int[] counts = dataset.labelCounts();
        long chosen = 0;
        for (int digit = 0; digit < counts.length; digit++) {
            chosen += digits.contains(digit) ? counts[digit] : 0;
        }
        this.expected = chosen;
    }

    /**
     * Reads the split from a directory holding the IDX files under their original names
     * ({@code train-images-idx3-ubyte}, ...).
     *
     * @throws UncheckedIOException if a file is missing or unreadable
     * @throws org.vmastream.datasets.mnist.IdxFormatException if a file is corrupt
     */
    public static MnistSource fromDirectory(Path directory, MnistSplit split, DigitSet digits) {
        Path images = directory.resolve(split.imagesFile().fileName());
        Path labels = directory.resolve(split.labelsFile().fileName());
        try {
            return new MnistSource(IdxReader.read(images, labels), split, digits);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(
                    "MNIST " + split.name().toLowerCase(Locale.ROOT) + " needs " + images + " and " + labels + "; "
                            + e.getFile() + " does not exist",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read MNIST from " + directory, e);
        }
    }

    /**
     * Reads the split from the project's data cache, fetching MNIST on first use (see {@link MnistFetcher}).
     *
     * @throws org.vmastream.datasets.mnist.MnistUnavailableException if it is not there and cannot be fetched
     */
    public static MnistSource fromCache(MnistSplit split, DigitSet digits) {
        return new MnistSource(Mnist.load(split, MnistFetcher.defaultCacheDir()), split, digits);
    }

    @Override
    public Item next() {
        while (next < dataset.size() && !digits.contains(dataset.label(next))) {
            next++;
        }
        if (next == dataset.size()) {
            return null;
        }
        int index = next++;
        float[] data = new float[MnistDataset.PIXELS];
        dataset.image(index, data, 0);
        String id = String.format(Locale.ROOT, "%s-%05d", source, index);
        return new Item(id, Integer.toString(dataset.label(index)), SHAPE.clone(), data, source);
    }

    @Override
    public long expectedCount() {
        return expected;
    }

    @Override
    public void close() {
        // Everything is in memory.
    }
}
