package org.vmastream.launcher.omniglot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.experiments.data.SyntheticData;
import org.vmastream.launcher.CommandRun;

/**
 * The Omniglot commands end to end on the real small subsets, with a tiny model and a few steps: train, the grid,
 * classification, generation, the report, and classify on folders of PNGs.
 */
class OmniglotCommandsTest {
    private static final Path OMNIGLOT =
            Path.of(System.getProperty("vma.shared.data", "../../shared/data")).resolve("omniglot");
    private static final Path SMALL2 = OMNIGLOT.resolve("images_background_small2.zip");

    @TempDir
    Path dir;

    @Test
    void trainEvaluateReportAndClassify() throws IOException {
        Assumptions.assumeTrue(
                Files.isRegularFile(SMALL2),
                () -> SMALL2.toAbsolutePath()
                        + " is missing (set -Dvma.shared.data to the shared data folder); skipping the Omniglot commands test");
        String data = "--omniglot=" + OMNIGLOT;
        Path run = dir.resolve("run");
        Path results = dir.resolve("results");

        CommandRun train = run(
                "omniglot",
                "train",
                data,
                "--maps=4",
                "--latent=8",
                "--classes=4",
                "--targets-per-class=2",
                "--memory-per-class=1-2",
                "--steps=3",
                "--log-every=1",
                "--out=" + run);
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path model = run.resolve(OmniglotTrainCommand.CHECKPOINT);
        assertThat(model).isRegularFile();
        assertThat(Files.readAllLines(run.resolve("learning-curve.csv"))).hasSize(4);

        CommandRun resumed = run("omniglot", "train", data, "--steps=4", "--log-every=1", "--out=" + run);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming").contains("to step 4").doesNotContain("Adam step size");

        CommandRun decayed = run("omniglot", "train", data, "--steps=5", "--lr=1e-4", "--out=" + run);
        assertThat(decayed.exitCode()).as(decayed.err()).isZero();
        assertThat(decayed.out())
                .contains("Adam step size 3.0E-4 -> 1.0E-4 from step 5")
                .contains("to step 5");

        CommandRun grid = run(
                "omniglot",
                "grid",
                data,
                "--model=" + model,
                "--samples=4",
                "--targets-per-cell=2",
                "--classes=1,all",
                "--examples=1,2",
                "--out=" + results);
        assertThat(grid.exitCode()).as(grid.err()).isZero();
        List<String> cells = Files.readAllLines(results.resolve("grid-vma.csv"));
        assertThat(cells).hasSize(5);
        assertThat(cells.get(4)).startsWith("vma,57,2,114,2,4,");
        List<String> perTarget = Files.readAllLines(results.resolve("targets-vma.csv"));
        assertThat(perTarget).hasSize(9);
        assertThat(perTarget.get(8)).matches("vma,57,2,1,-\\d+\\.\\d{4}");

        CommandRun classification = run(
                "omniglot",
                "classification",
                data,
                "--model=" + model,
                "--episodes=3",
                "--ways=5",
                "--shots=1",
                "--importance-samples=2",
                "--importance-episodes=2",
                "--out=" + results);
        assertThat(classification.exitCode()).as(classification.err()).isZero();
        assertThat(Files.readAllLines(results.resolve("classification.csv"))).hasSize(3);

        Path png = results.resolve("generation.png");
        CommandRun generate =
                run("omniglot", "generate", data, "--model=" + model, "--characters=2", "--samples=3", "--png=" + png);
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        assertThat(png).isRegularFile();

        CommandRun report = run("omniglot", "report", "--out=" + results);
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(results.resolve("omniglot.md"))
                .content()
                .contains("| vma | 57 |")
                .contains("5 | 1 | q(a|x)");
        assertThat(results.resolve("confounders.png")).isRegularFile();

        CommandRun againstItself = run("omniglot", "report", "--out=" + results, "--against=" + results);
        assertThat(againstItself.exitCode()).as(againstItself.err()).isZero();
        assertThat(againstItself.out())
                .contains("| vma | 57 | 2 | +0.0 +- 0.0 | 2 |")
                .contains("All cells, vma: +0.00 +- 0.00 nats over 8 targets, better on 0.");

        Path support = dir.resolve("support");
        Path queries = dir.resolve("queries");
        unzipDrawings("Tagalog/character01/", support.resolve("ka"), queries, 2);
        unzipDrawings("Tagalog/character02/", support.resolve("ga"), queries, 2);
        CommandRun classify = run("classify", "--model=" + model, "--support=" + support, "--queries=" + queries);
        assertThat(classify.exitCode()).as(classify.err()).isZero();
        List<String> lines = classify.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches(".+\\.png\t(ka|ga)\t[01]\\.\\d{3}"));

        CommandRun wrong = run("classify", "--model=" + model, "--support=" + queries, "--queries=" + queries);
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("no sub-folder with PNG drawings");

        Path weights = dir.resolve("shipped").resolve("model.vmaf");
        CommandRun export = run("omniglot", "export", "--model=" + model, "--out=" + weights);
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.size(weights)).isLessThan(Files.size(model));
        CommandRun fromWeights = run("classify", "--model=" + weights, "--support=" + support, "--queries=" + queries);
        assertThat(fromWeights.exitCode()).as(fromWeights.err()).isZero();
        assertThat(fromWeights.out()).isEqualTo(classify.out());
    }

    @Test
    void classifyUsesTheShippedModelWhenNoneIsGiven() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(SMALL2), () -> SMALL2.toAbsolutePath() + " is missing; skipping");
        Assumptions.assumeTrue(
                CheckpointOption.class.getResource(CheckpointOption.SHIPPED) != null,
                "this build ships no model; skipping");
        Path support = dir.resolve("support");
        Path queries = dir.resolve("queries");
        unzipDrawings("Tagalog/character01/", support.resolve("ka"), queries, 1);
        unzipDrawings("Tagalog/character02/", support.resolve("ga"), queries, 1);
        unzipDrawings("Tagalog/character03/", support.resolve("nga"), queries, 1);

        CommandRun classify = run("classify", "--support=" + support, "--queries=" + queries);

        assertThat(classify.exitCode()).as(classify.err()).isZero();
        assertThat(classify.out().lines().toList())
                .hasSize(3)
                .allSatisfy(line -> assertThat(line).matches(".+\\.png\t(ka|ga|nga)\t[01]\\.\\d{3}"));
    }

    private static CommandRun run(String... args) {
        return CommandRun.of(SyntheticData.source(1), args);
    }

    /** The first {@code supportCount} drawings of a character into {@code support}, the next one into {@code queries}. */
    private static void unzipDrawings(String character, Path support, Path queries, int supportCount)
            throws IOException {
        Files.createDirectories(support);
        Files.createDirectories(queries);
        try (ZipFile zip = new ZipFile(SMALL2.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            int n = 0;
            while (entries.hasMoreElements() && n <= supportCount) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().contains(character) && entry.getName().endsWith(".png")) {
                    String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                    Path to = (n < supportCount ? support : queries).resolve(name);
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, to);
                    }
                    n++;
                }
            }
        }
    }
}
