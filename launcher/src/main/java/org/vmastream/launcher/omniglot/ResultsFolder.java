package org.vmastream.launcher.omniglot;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out} option of the commands that write result files. */
public final class ResultsFolder {
    @Option(
            names = "--out",
            defaultValue = "results/omniglot",
            paramLabel = "DIR",
            description = "Results folder (default: ${DEFAULT-VALUE}).")
    private Path folder;

    /** The folder. */
    public Path path() {
        return folder;
    }
}
