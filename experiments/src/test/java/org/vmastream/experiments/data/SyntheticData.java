package org.vmastream.experiments.data;

import java.util.SplittableRandom;
import org.vmastream.datasets.mnist.MnistDataset;

/** Random binary 28x28 images standing in for MNIST, so that whole commands run in seconds. */
public final class SyntheticData implements TrainingData {
    private final MnistDataset train;
    private final MnistDataset test;

    /** Each test passes its own seed, so no test's data depends on another's. */
    public SyntheticData(long seed, int trainSize, int testSize) {
        SplittableRandom random = new SplittableRandom(seed);
        this.train = images(random, trainSize);
        this.test = images(random, testSize);
    }

    /** A source that ignores the data directory: 300 training and 64 test images. */
    public static TrainingData.Source source(long seed) {
        return dataDir -> new SyntheticData(seed, 300, 64);
    }

    private static MnistDataset images(SplittableRandom random, int count) {
        float[] grey = new float[count * MnistDataset.PIXELS];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        return MnistDataset.of(grey, new int[count]);
    }

    @Override
    public MnistDataset trainImages() {
        return train;
    }

    @Override
    public MnistDataset testImages() {
        return test;
    }

    @Override
    public String description() {
        return "synthetic";
    }
}
