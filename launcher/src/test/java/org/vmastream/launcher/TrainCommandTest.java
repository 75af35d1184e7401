package org.vmastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.experiments.data.SyntheticData;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;

/** Whole {@code vma train} runs on synthetic images: files written, checkpoints exact, resume exact. */
class TrainCommandTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private CommandRun train(long dataSeed, String... args) {
        String[] common = {"train", "--log-every", "5", "--checkpoint-every", "10"};
        String[] all = Arrays.copyOf(common, common.length + args.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return CommandRun.of(SyntheticData.source(dataSeed), all);
    }

    private static String[] recall(Path out, int steps) {
        return new String[] {
            "--preset",
            "recall",
            "--memory-size",
            "16",
            "--batch",
            "8",
            "--seed",
            "7",
            "--steps",
            Integer.toString(steps),
            "--out",
            out.toString()
        };
    }

    @Test
    void writesCurvePlotAndCheckpointAndAResultsRow() throws IOException {
        Path run = dir.resolve("run");
        Path results = dir.resolve("results.csv");
        String[] args = recall(run, 20);
        String[] withResults = Arrays.copyOf(args, args.length + 6);
        System.arraycopy(
                new String[] {"--results", results.toString(), "--test-samples", "8", "--test-limit", "12"},
                0,
                withResults,
                args.length,
                6);

        CommandRun result = train(11, withResults);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> curve = Files.readAllLines(run.resolve("learning-curve.csv"));
        assertThat(curve).hasSize(5).first().isEqualTo("step,bound,kl_a,kl_z,recon,ms_per_step");
        assertThat(curve.subList(1, 5)).extracting(line -> line.split(",")[0]).containsExactly("5", "10", "15", "20");
        byte[] png = Files.readAllBytes(run.resolve("learning-curve.png"));
        assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
        Checkpoint checkpoint = CheckpointFile.read(run.resolve("checkpoint.vmackpt"));
        assertThat(checkpoint.step()).isEqualTo(20);
        assertThat(checkpoint.provenance())
                .containsEntry("preset", "recall")
                .containsEntry("memory_size", "16")
                .containsEntry("binarization", "dynamic")
                .containsEntry("dataset", "synthetic")
                .containsKeys("java_version", "nd4j_version", "launcher_version");
        List<String> table = Files.readAllLines(results);
        assertThat(table)
                .hasSize(2)
                .first()
                .isEqualTo("experiment,memory_size,steps,wall_seconds,train_bound,kl_a,kl_z,test_bound,test_k");
        String[] row = table.get(1).split(",", -1);
        assertThat(row).hasSize(9);
        assertThat(row[0]).isEqualTo("recall");
        assertThat(row[1]).isEqualTo("16");
        assertThat(row[2]).isEqualTo("20");
        assertThat(row[8]).isEqualTo("8");
        assertThat(Double.parseDouble(row[7])).isNegative();
        assertThat(result.out()).contains("Trained recall to step 20").contains("bound L_K");
    }

    @Test
    void resumingContinuesExactlyAsAnUninterruptedRun() throws IOException {
        Path straight = dir.resolve("straight");
        Path split = dir.resolve("split");

        assertThat(train(12, recall(straight, 40)).exitCode()).isZero();
        assertThat(train(12, recall(split, 20)).exitCode()).isZero();
        CommandRun resumed =
                train(12, "--resume", split.resolve("checkpoint.vmackpt").toString(), "--steps", "40");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Checkpoint expected = CheckpointFile.read(straight.resolve("checkpoint.vmackpt"));
        Checkpoint actual = CheckpointFile.read(split.resolve("checkpoint.vmackpt"));
        assertThat(actual.step()).isEqualTo(40);
        assertThat(actual.parameters().toFloatVector())
                .isEqualTo(expected.parameters().toFloatVector());
        assertThat(actual.optimizerState().toFloatVector())
                .isEqualTo(expected.optimizerState().toFloatVector());
        assertThat(withoutTimes(split.resolve("learning-curve.csv")))
                .isEqualTo(withoutTimes(straight.resolve("learning-curve.csv")));
    }

    @Test
    void refusesToOverwriteARunWithoutResume() {
        Path run = dir.resolve("run");
        assertThat(train(13, recall(run, 3)).exitCode()).isZero();

        CommandRun again = train(13, recall(run, 3));

        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a checkpoint").contains("--resume");
    }

    @Test
    void trainsTheLearnedMemoryAndVaePresets() {
        for (String preset : new String[] {"learned-memory", "vae"}) {
            Path run = dir.resolve(preset);
            List<String> args = new ArrayList<>(
                    List.of("--preset", preset, "--batch", "4", "--steps", "6", "--out", run.toString()));
            if (preset.equals("learned-memory")) {
                args.addAll(List.of("--memory-size", "8"));
            }
            CommandRun result = train(14, args.toArray(String[]::new));

            assertThat(result.exitCode()).as(result.err()).isZero();
            Checkpoint checkpoint = CheckpointFile.read(run.resolve("checkpoint.vmackpt"));
            assertThat(checkpoint.step()).isEqualTo(6);
            assertThat(checkpoint.provenance()).containsEntry("preset", preset);
        }
    }

    private static List<String> withoutTimes(Path csv) throws IOException {
        return Files.readAllLines(csv).stream()
                .map(line -> line.substring(0, line.lastIndexOf(',')))
                .toList();
    }
}
