package org.vmastream.ingest.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.PngFolderSource;
import org.vmastream.ingest.source.Skips;
import picocli.CommandLine.Option;

/** The options of {@code --source png}. */
final class PngOptions {
    @Option(names = "--invert", description = "send 1 - grey level, so that dark ink on light paper becomes 1")
    boolean invert;

    ItemSource open(Path folder, Skips skips) throws IOException {
        return new PngFolderSource(folder, invert, skips);
    }
}
