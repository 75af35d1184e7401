package org.vmastream.launcher.cli;

import java.nio.file.Path;
import org.vmastream.datasets.mnist.MnistFetcher;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option shared by the commands that read MNIST. */
public final class DataOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "MNIST cache directory, filled on first use; default $VMA_DATA_DIR, else ~/.cache/vma-stream")
    private Path dataDir;

    /** The directory given, or the default cache. */
    public Path dataDir() {
        return dataDir != null ? dataDir : MnistFetcher.defaultCacheDir();
    }
}
