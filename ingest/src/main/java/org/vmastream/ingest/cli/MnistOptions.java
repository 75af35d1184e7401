package org.vmastream.ingest.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.vmastream.datasets.mnist.MnistSplit;
import org.vmastream.ingest.source.DigitSet;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.MnistSource;
import picocli.CommandLine.Option;

/** The options of {@code --source mnist}. */
final class MnistOptions {
    @Option(
            names = "--digits",
            paramLabel = "DIGITS",
            converter = DigitsConverter.class,
            description = "only these digits, e.g. 0-8 or 1,3,5-7; default all")
    DigitSet digits = DigitSet.all();

    /**
     * @param path  folder holding the IDX files, or null for the project's cache (fetched on first use)
     * @param split train or test; null for train
     */
    ItemSource open(Path path, String split) {
        MnistSplit mnistSplit = split(split);
        return path == null
                ? MnistSource.fromCache(mnistSplit, digits)
                : MnistSource.fromDirectory(path, mnistSplit, digits);
    }

    private static MnistSplit split(String split) {
        if (split == null) {
            return MnistSplit.TRAIN;
        }
        try {
            return MnistSplit.valueOf(split.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MNIST has the splits train and test, not '" + split + "'", e);
        }
    }
}
