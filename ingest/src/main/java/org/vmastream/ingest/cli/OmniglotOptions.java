package org.vmastream.ingest.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vmastream.datasets.omniglot.OmniglotLayout;
import org.vmastream.datasets.omniglot.OmniglotSize;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.OmniglotSource;
import org.vmastream.ingest.source.Skips;
import picocli.CommandLine.Option;

/** The options of {@code --source omniglot}. */
final class OmniglotOptions {
    @Option(
            names = "--omniglot-size",
            paramLabel = "PIXELS",
            description = "26 (4x4 max-pooling, the paper's few-shot input), 28 (area-averaged) or 105 (original);"
                    + " default 26")
    int pixels = OmniglotSize.POOLED_26.pixels();

    /**
     * @param path  a set's folder or zip, or the folder holding the sets
     * @param split the set to read from a folder of sets; null for background
     */
    ItemSource open(Path path, String split, Skips skips) throws IOException {
        OmniglotSize size = OmniglotSize.ofPixels(pixels);
        return new OmniglotSource(OmniglotLayout.locate(path, split), size, skips);
    }
}
