package org.vmastream.datasets.mnist;

/** The two standard MNIST splits and the files that hold them. */
public enum MnistSplit {
    /** The 60,000 training images. */
    TRAIN(MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS),
    /** The 10,000 test images. */
    TEST(MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);

    private final MnistFile images;
    private final MnistFile labels;

    MnistSplit(MnistFile images, MnistFile labels) {
        this.images = images;
        this.labels = labels;
    }

    /** @return the IDX images file of this split */
    public MnistFile imagesFile() {
        return images;
    }

    /** @return the IDX labels file of this split */
    public MnistFile labelsFile() {
        return labels;
    }
}
