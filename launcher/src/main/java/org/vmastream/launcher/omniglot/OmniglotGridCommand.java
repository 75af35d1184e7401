package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vmastream.experiments.omniglot.IntList;
import org.vmastream.experiments.omniglot.ModelNames;
import org.vmastream.experiments.omniglot.TargetBounds;
import org.vmastream.fewshot.conv.FewShotCheckpoint;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.eval.BoundEstimator;
import org.vmastream.fewshot.eval.BoundGrid;
import org.vmastream.fewshot.eval.GridCell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Table-1 grid for one trained model on held-out characters: L_K (K = 1000 by default) for C classes in memory
 * x k examples per class, written to {@code <out>/grid-<model>.csv}, and each target's L_K to
 * {@code <out>/targets-<model>.csv}. Targets are the same drawings for every model and row, so models compare
 * pairwise; a model without memory (the VAE) is evaluated on one row. {@code omniglot report} turns the CSVs into
 * tables and plots.
 */
@Command(
        name = "grid",
        mixinStandardHelpOptions = true,
        description = "Test bound on held-out characters for C classes x k examples per class in memory.")
public final class OmniglotGridCommand implements Callable<Integer> {
    /** Header of {@code targets-<model>.csv}: each target's L_K, for paired comparisons between models. */
    @Spec
    private CommandSpec spec;

    @Mixin
    private OmniglotDataOptions data;

    @Mixin
    private CheckpointOption checkpoint;

    @Option(names = "--samples", defaultValue = "1000", description = "K (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(
            names = "--targets-per-cell",
            defaultValue = "12",
            description = "Targets per cell (default: ${DEFAULT-VALUE}).")
    private int targetsPerCell;

    @Option(
            names = "--classes",
            defaultValue = "1,2,4,8,16,all",
            description = "C per row (default: ${DEFAULT-VALUE}).")
    private String classes;

    @Option(
            names = "--examples",
            defaultValue = "1,2,3,4,5,10,19",
            description = "Examples per class per column (default: ${DEFAULT-VALUE}).")
    private String examples;

    @Option(names = "--rows", defaultValue = "500", description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the episodes and samples.")
    private long seed;

    @Mixin
    private ResultsFolder results;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        int[] classCounts = IntList.parse(classes, "--classes");
        int[] exampleCounts = IntList.parse(examples, "--examples");
        OmniglotDataOptions.Split split = data.load();
        FewShotCheckpoint.Loaded loaded = checkpoint.load();
        FewShotModel model = loaded.model();
        String name = ModelNames.of(model.config().kind());
        if (!model.config().kind().usesMemory()) {
            // The VAE ignores the memory; target i of column k is the same drawing in every row, so one row
            // gives the VAE's bound on every cell's targets.
            classCounts = new int[] {1};
        }
        BoundGrid grid =
                new BoundGrid(split.test(), new BoundEstimator(model, samples, rows, seed), targetsPerCell, seed);
        long total = (long) classCounts.length * exampleCounts.length * targetsPerCell;
        long start = System.nanoTime();
        List<GridCell> cells;
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("grid " + name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .build()) {
            cells = grid.run(classCounts, exampleCounts, bar::stepBy);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = new ArrayList<>();
        lines.add(GridCell.HEADER);
        for (GridCell cell : cells) {
            lines.add(cell.csv(name, samples));
            stdout().printf(
                            Locale.ROOT,
                            "%-15s C=%-3d k=%-2d NLL %.2f +- %.2f  KL(a) %.2f  KL(z) %.2f%n",
                            name,
                            cell.classes(),
                            cell.examples(),
                            -cell.bound(),
                            cell.boundStdError(),
                            cell.klAddress(),
                            cell.klLatent());
        }
        Files.createDirectories(results.path());
        Path csv = results.path().resolve("grid-" + name + ".csv");
        Files.write(csv, lines);
        List<String> perTarget = new ArrayList<>();
        perTarget.add(TargetBounds.HEADER);
        for (GridCell cell : cells) {
            for (int t = 0; t < cell.targetBounds().length; t++) {
                perTarget.add(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%d,%.4f",
                        name,
                        cell.classes(),
                        cell.examples(),
                        t,
                        cell.targetBounds()[t]));
            }
        }
        Files.write(results.path().resolve("targets-" + name + ".csv"), perTarget);
        stdout().printf(
                        Locale.ROOT,
                        "%s after %d training steps: %d cells in %s; wrote %s%n",
                        name,
                        loaded.steps(),
                        cells.size(),
                        Duration.ofSeconds((long) seconds),
                        csv);
        return 0;
    }
}
