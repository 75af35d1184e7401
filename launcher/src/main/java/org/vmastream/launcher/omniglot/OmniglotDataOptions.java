package org.vmastream.launcher.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vmastream.datasets.omniglot.AlphabetSplit;
import org.vmastream.datasets.omniglot.OmniglotCharacters;
import org.vmastream.datasets.omniglot.OmniglotSize;
import picocli.CommandLine.Option;

/**
 * Where Omniglot is and how it is split. By default the complete Omniglot ({@value #FULL}: the 30
 * background alphabets to train on, the 20 evaluation alphabets to test on, as the paper splits it)
 * when it is there, and the two small background subsets ({@value #SMALL}) otherwise.
 */
public final class OmniglotDataOptions {
    /** The complete Omniglot, the official background and evaluation sets. */
    static final String FULL = "../shared/data/omniglot-full";
    /** The two small background subsets. */
    static final String SMALL = "../shared/data/omniglot";

    @Option(
            names = "--omniglot",
            paramLabel = "PATH",
            split = ",",
            description = "Omniglot sets: a folder holding images_* folders or zips, or set zips/folders, "
                    + "comma-separated (default: " + FULL + " when it exists, else " + SMALL + ").")
    private List<Path> locations;

    @Option(
            names = "--pixels",
            defaultValue = "26",
            description = "Image edge: 26 (4x4 max-pool, the paper's few-shot input) or 28 (area average).")
    private int pixels;

    @Option(
            names = "--test-alphabets",
            split = ",",
            paramLabel = "NAME",
            description = "Alphabets held out for testing (default: the evaluation set's alphabets if present, "
                    + "else Korean and Tagalog).")
    private List<String> testAlphabets;

    /** The drawings and their split by alphabet. */
    public record Split(OmniglotCharacters train, OmniglotCharacters test, AlphabetSplit alphabets) {}

    /** Loads the drawings and splits them, saying on stderr which data and split it uses. */
    public Split load() throws IOException {
        List<Path> chosen = locations != null ? locations : List.of(defaultLocation(Path.of(FULL), Path.of(SMALL)));
        OmniglotCharacters all = OmniglotCharacters.load(chosen, OmniglotSize.ofPixels(pixels));
        AlphabetSplit split =
                testAlphabets == null ? AlphabetSplit.defaultFor(all) : AlphabetSplit.of(testAlphabets, all);
        Split result = new Split(split.train(all), split.test(all), split);
        System.err.println(describe(chosen, result));
        return result;
    }

    /** {@code full} when it is a folder, else {@code small}. */
    static Path defaultLocation(Path full, Path small) {
        return Files.isDirectory(full) ? full : small;
    }

    /** One line naming the data and the split, so that a run says what it trained or tested on. */
    static String describe(List<Path> locations, Split split) {
        return String.format(
                "Omniglot from %s: train %d characters of %d alphabets, test %d characters of %d " + "alphabets (%s)",
                locations,
                split.train().classCount(),
                split.train().alphabets().size(),
                split.test().classCount(),
                split.test().alphabets().size(),
                split.test().alphabets().size() <= 3
                        ? String.join(", ", split.test().alphabets())
                        : "the evaluation set");
    }

    /** The image edge chosen. */
    public int pixels() {
        return pixels;
    }
}
