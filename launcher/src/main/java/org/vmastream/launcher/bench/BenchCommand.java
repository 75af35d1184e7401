package org.vmastream.launcher.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vmastream.launcher.cli.OptionChecks;
import org.vmastream.launcher.results.CsvFile;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.bench.SgemmProbe;
import org.vmastream.model.bench.StepFlops;
import org.vmastream.model.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vma bench}: the machine's SGEMM rate and the recall model's training-step time at two
 * memory sizes, with the fraction of the SGEMM rate a step achieves.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        header = "Measure SGEMM and training-step speed.",
        description = "Measures SGEMM (n = 1024) and training steps of the recall model (B = 32, K = 4, "
                + "|M| = 32 and 256) on random binary data, and appends the results to a CSV table.")
public final class BenchCommand implements Callable<Integer> {
    private static final int SGEMM_SIZE = 1024;
    private static final int SGEMM_REPEATS = 5;
    private static final int[] MEMORY_SIZES = {32, 256};

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "results/bench.csv", paramLabel = "FILE", description = "CSV table to append to")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200", description = "timed steps per memory size")
    private int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "30", description = "untimed steps before timing")
    private int warmup;

    @Override
    public Integer call() {
        OptionChecks check = new OptionChecks(spec);
        check.positive("--steps", steps);
        check.require(warmup >= 0, "--warmup must not be negative, got " + warmup);
        String machine = "cores=" + Runtime.getRuntime().availableProcessors();
        List<BenchRow> rows = new ArrayList<>();
        double sgemm = SgemmProbe.gflops(SGEMM_SIZE, SGEMM_REPEATS);
        rows.add(new BenchRow("sgemm", "n=" + SGEMM_SIZE + ";" + machine, sgemm, "GFLOP/s", 1.0));
        ModelConfig recall = ModelConfig.mnistExemplar(0);
        TrainingConfig training = TrainingConfig.paper(1);
        for (int memory : MEMORY_SIZES) {
            String parameters = "B=" + training.batchSize() + ";K=" + training.samples() + ";M=" + memory
                    + ";preset=recall;" + machine;
            double millis = StepBenchmark.millisPerStep(recall, training, memory, warmup, steps);
            double gflops = StepFlops.trainingStep(recall, training.batchSize(), training.samples(), memory) / (millis / 1e3) / 1e9;
            rows.add(new BenchRow("train_step", parameters, millis, "ms", null));
            rows.add(new BenchRow("train_gflops", parameters, gflops, "GFLOP/s", gflops / sgemm));
        }
        CsvFile.append(out, BenchRow.HEADER, rows.stream().map(BenchRow::csv).toList());
        print(rows);
        return 0;
    }

    private void print(List<BenchRow> rows) {
        PrintWriter console = spec.commandLine().getOut();
        console.printf("%-13s %-38s %10s %-8s %s%n", "benchmark", "parameters", "value", "unit", "of sgemm");
        for (BenchRow row : rows) {
            console.printf(Locale.ROOT, "%-13s %-38s %10.2f %-8s %s%n", row.benchmark(), row.parameters(), row.value(), row.unit(),
                    row.ratioToSgemm() == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * row.ratioToSgemm()));
        }
        console.printf("appended to %s%n", out);
        console.flush();
    }
}
