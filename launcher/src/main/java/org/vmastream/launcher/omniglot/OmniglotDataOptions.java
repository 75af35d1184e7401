package org.vmastream.launcher.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vmastream.datasets.omniglot.AlphabetSplit;
import org.vmastream.datasets.omniglot.OmniglotCharacters;
import org.vmastream.datasets.omniglot.OmniglotSize;
import picocli.CommandLine.Option;

/**
 * Where Omniglot is and how it is split. The default reads every set in {@code ../shared/data/omniglot} (the two
 * small background subsets here; the official background and evaluation sets where a user has them).
 */
public final class OmniglotDataOptions {
    @Option(names = "--omniglot", paramLabel = "PATH", split = ",", defaultValue = "../shared/data/omniglot",
            description = "Omniglot sets: a folder holding images_* folders or zips, or set zips/folders, "
                    + "comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Path> locations;

    @Option(names = "--pixels", defaultValue = "26",
            description = "Image edge: 26 (4x4 max-pool, the paper's few-shot input) or 28 (area average).")
    private int pixels;

    @Option(names = "--test-alphabets", split = ",", paramLabel = "NAME",
            description = "Alphabets held out for testing (default: the evaluation set's alphabets if present, "
                    + "else Korean and Tagalog).")
    private List<String> testAlphabets;

    /** The drawings and their split by alphabet. */
    public record Split(OmniglotCharacters train, OmniglotCharacters test, AlphabetSplit alphabets) {
    }

    /** Loads the drawings and splits them. */
    public Split load() throws IOException {
        OmniglotCharacters all = OmniglotCharacters.load(locations, OmniglotSize.ofPixels(pixels));
        AlphabetSplit split = testAlphabets == null ? AlphabetSplit.defaultFor(all)
                : AlphabetSplit.of(testAlphabets, all);
        return new Split(split.train(all), split.test(all), split);
    }

    /** The image edge chosen. */
    public int pixels() {
        return pixels;
    }
}
