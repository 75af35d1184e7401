package org.vmastream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.experiments.BuildVersions;
import org.vmastream.experiments.data.SyntheticData;
import org.vmastream.experiments.train.Preset;
import org.vmastream.model.addressing.Similarity;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class CommandLineParsingTest {

    private static CommandSpec parse(String... args) {
        CommandLine commandLine = VmaCommand.commandLine(SyntheticData.source(1));
        return commandLine.parseArgs(args).subcommand().commandSpec();
    }

    private static Object value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }

    @Test
    void trainHasThePapersDefaults() {
        CommandSpec train = parse("train", "--preset", "recall");
        assertThat(value(train, "--preset")).isEqualTo(Preset.RECALL);
        assertThat(value(train, "--steps")).isEqualTo(10000L);
        assertThat(value(train, "--batch")).isEqualTo(32);
        assertThat(value(train, "--samples")).isEqualTo(4);
        assertThat(value(train, "--learning-rate")).isEqualTo(3e-4);
        assertThat(value(train, "--checkpoint-every")).isEqualTo(2000);
        assertThat(value(train, "--log-every")).isEqualTo(100);
        assertThat(value(train, "--binarization")).isEqualTo(Binarization.DYNAMIC);
        assertThat(value(train, "--test-samples")).isEqualTo(1000);
    }

    @Test
    void trainAcceptsHyphenatedPresetsAndLowerCaseEnums() {
        CommandSpec train = parse(
                "train",
                "--preset",
                "Learned-Memory",
                "--similarity",
                "cosine",
                "--binarization",
                "fixed",
                "--memory-size",
                "64");
        assertThat(value(train, "--preset")).isEqualTo(Preset.LEARNED_MEMORY);
        assertThat(value(train, "--similarity")).isEqualTo(Similarity.COSINE);
        assertThat(value(train, "--binarization")).isEqualTo(Binarization.FIXED);
        assertThat(value(train, "--memory-size")).isEqualTo(64);
    }

    @Test
    void evalHasTestDefaults() {
        CommandSpec eval = parse("eval", "--checkpoint", "run/checkpoint.vmackpt");
        assertThat(value(eval, "--samples")).isEqualTo(1000);
        assertThat(value(eval, "--chunk")).isEqualTo(100);
        assertThat(value(eval, "--batch")).isEqualTo(16);
        assertThat(value(eval, "--binarization")).isEqualTo(Binarization.FIXED);
        assertThat(value(eval, "--limit")).isNull();
    }

    @Test
    void benchHasDefaults() {
        CommandSpec bench = parse("bench");
        assertThat(value(bench, "--out").toString()).isEqualTo("results/bench.csv");
        assertThat(value(bench, "--steps")).isEqualTo(200);
        assertThat(value(bench, "--warmup")).isEqualTo(1000);
        assertThat(value(bench, "--score-warmup-seconds")).isEqualTo(20.0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                                  | Missing subcommand",
                "train                                               | Missing required option: '--preset=PRESET'",
                "train --preset bogus                                | unknown preset 'bogus'",
                "train --preset recall --steps 0                     | --steps must be at least 1",
                "train --preset recall --samples 1                   | --samples must be at least 2",
                "train --preset recall --learning-rate 0             | learningRate=0.0 must be positive",
                "train --preset vae --memory-size 8                  | --memory-size does not apply to the vae preset",
                "train --preset vae --similarity dot                 | do not apply to the vae preset",
                "train --preset learned-memory --fallback-entries 2  | --fallback-entries applies to the recall preset only",
                "train --resume some.vmackpt --batch 8               | --batch cannot be combined with --resume",
                "train --preset recall --batch many                  | Invalid value for option '--batch'",
                "train --preset recall --frobnicate                  | Unknown option: '--frobnicate'",
                "eval                                                | Missing required option: '--checkpoint=PATH'",
                "eval --checkpoint x.vmackpt --chunk 0               | --chunk must be at least 1",
                "bench --steps 0                                     | --steps must be at least 1",
                "bench --warmup -1                                   | --warmup must not be negative",
                "bench --score-warmup-seconds -1                     | --score-warmup-seconds must not be negative"
            })
    void usageErrorsExitWithTwoAndSayWhy(String args, String message) {
        CommandRun run = CommandRun.of(SyntheticData.source(2), args.isBlank() ? new String[0] : args.split(" "));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("--help");
    }

    @Test
    void aMissingCheckpointIsAFailureWithOneClearLine() {
        CommandRun run = CommandRun.of(SyntheticData.source(3), "eval", "--checkpoint", "no/such/checkpoint.vmackpt");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("vma eval: could not read checkpoint no/such/checkpoint.vmackpt")
                .doesNotContain("\tat ");
    }

    @Test
    void versionNamesTheBuild() {
        CommandRun run = CommandRun.of(SyntheticData.source(4), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("vma " + BuildVersions.project())
                .contains("ND4J 1.0.0-M2.1")
                .doesNotContain("${");
    }
}
