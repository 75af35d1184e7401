package org.vmastream.datasets.mnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Entry point: loads an MNIST split, fetching and verifying the files on first use. */
public final class Mnist {

    private Mnist() {}

    /**
     * @param split    which split
     * @param cacheDir data cache root, e.g. {@link MnistFetcher#defaultCacheDir()}; MNIST lives in its
     *                 {@code mnist/} subdirectory
     * @return the split's images and labels
     * @throws MnistUnavailableException if the files are absent or corrupt and cannot be fetched
     * @throws IdxFormatException        if a file is not well-formed IDX
     * @throws UncheckedIOException      if the files cannot be read
     */
    public static MnistDataset load(MnistSplit split, Path cacheDir) {
        Path dir = new MnistFetcher(cacheDir).ensureFiles();
        Path images = dir.resolve(split.imagesFile().fileName());
        Path labels = dir.resolve(split.labelsFile().fileName());
        try {
            return IdxReader.read(images, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read MNIST " + split + " from " + dir, e);
        }
    }

    /**
     * @param cacheDir data cache root
     * @return the 60,000 training images
     * @see #load(MnistSplit, Path)
     */
    public static MnistDataset train(Path cacheDir) {
        return load(MnistSplit.TRAIN, cacheDir);
    }

    /**
     * @param cacheDir data cache root
     * @return the 10,000 test images
     * @see #load(MnistSplit, Path)
     */
    public static MnistDataset test(Path cacheDir) {
        return load(MnistSplit.TEST, cacheDir);
    }
}
