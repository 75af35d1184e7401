package org.vmastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.experiments.data.SyntheticData;

/** {@code vma eval} on checkpoints of short synthetic runs. */
class EvalCommandTest {
    @TempDir
    Path dir;

    private Path trained(String preset, long dataSeed) {
        Path run = dir.resolve(preset);
        List<String> args = new ArrayList<>(
                List.of("train", "--preset", preset, "--batch", "4", "--steps", "3", "--out", run.toString()));
        if (!preset.equals("vae")) {
            args.addAll(List.of("--memory-size", "8"));
        }
        CommandRun result = CommandRun.of(SyntheticData.source(dataSeed), args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return run.resolve("checkpoint.vmackpt");
    }

    @Test
    void printsOneJsonLineAndAppendsARowWithEmptyTrainingColumns() throws IOException {
        Path checkpoint = trained("recall", 21);
        Path results = dir.resolve("results.csv");

        CommandRun run = CommandRun.of(
                SyntheticData.source(21),
                "eval",
                "--checkpoint",
                checkpoint.toString(),
                "--samples",
                "8",
                "--chunk",
                "4",
                "--batch",
                "3",
                "--memory-size",
                "10",
                "--limit",
                "7",
                "--json",
                "--results",
                results.toString(),
                "--name",
                "recall-test");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip())
                .doesNotContain("\n")
                .startsWith("{\"examples\":7,\"samples\":8,\"memory_size\":10,")
                .contains("\"bound_se\":")
                .contains("\"exp_kl_a\":{\"min\":")
                .containsPattern("\"own_entry_first\":[0-9.]+}$");
        List<String> table = Files.readAllLines(results);
        assertThat(table).hasSize(2);
        assertThat(table.get(1)).startsWith("recall-test,10,3,,,,,").endsWith(",8");
    }

    @Test
    void reportsBoundWithStandardErrorAndTheSpreadOfExpKl() {
        Path checkpoint = trained("learned-memory", 22);

        CommandRun run = CommandRun.of(
                SyntheticData.source(22),
                "eval",
                "--checkpoint",
                checkpoint.toString(),
                "--samples",
                "6",
                "--chunk",
                "3",
                "--limit",
                "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("test examples      5, K = 6")
                .contains("+-")
                .contains("log|M| = 2.079")
                .contains("e^KL(a)            min")
                .doesNotContain("own entry first");
    }

    @Test
    void memorySizeIsAUsageErrorForModelsWithoutExemplars() {
        Path checkpoint = trained("vae", 23);

        CommandRun run = CommandRun.of(
                SyntheticData.source(23), "eval", "--checkpoint", checkpoint.toString(), "--memory-size", "8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("--memory-size applies to recall models only")
                .contains("vae model");
    }
}
