package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vmastream.backend.NativeBuild;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.experiments.omniglot.IntList;
import org.vmastream.experiments.omniglot.ModelNames;
import org.vmastream.experiments.results.CsvFile;
import org.vmastream.fewshot.conv.ConvConfig;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.train.EpisodeTrainer;
import org.vmastream.model.bound.LearningSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Milliseconds per training step of hard attention (VMA, K samples) against soft attention as the memory grows:
 * the paper found hard attention faster from |M| >= 48. Episodes of 8 classes x 4 targets, |M| / 8 examples per
 * class; appends the median of the timed steps to {@code <out>/bench.csv}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Training step time of VMA vs soft attention at several memory sizes.")
public final class OmniglotBenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    private static final String HEADER = "model,memory_size,maps,warmup,steps,median_ms_per_step,cores,nd4j_build";

    @Mixin
    private OmniglotDataOptions data;

    @Option(
            names = "--memory-sizes",
            defaultValue = "32,64",
            description = "|M| values, multiples of 8 (default: ${DEFAULT-VALUE}).")
    private String memorySizes;

    @Option(names = "--maps", defaultValue = "32", description = "Feature maps (default: ${DEFAULT-VALUE}).")
    private int maps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Mixin
    private ResultsFolder results;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        int[] sizes = IntList.parse(memorySizes, "--memory-sizes");
        OmniglotDataOptions.Split split = data.load();
        List<String> rows = new ArrayList<>();
        for (int size : sizes) {
            if (size % 8 != 0) {
                throw new IllegalArgumentException(
                        "memory sizes must be multiples of the 8 classes per episode, got " + size);
            }
            for (ModelKind kind : new ModelKind[] {ModelKind.VMA, ModelKind.SOFT_ATTENTION}) {
                FewShotModel model = FewShotModel.create(ConvConfig.paper(kind, maps), 1, 3e-4, 3e-4);
                EpisodeTrainer trainer =
                        new EpisodeTrainer(model, new EpisodeSampler(split.train(), 3), 4, LearningSignal.PAPER, 5, 0);
                EpisodeShape shape = new EpisodeShape(8, 4, size / 8, 0);
                for (int i = 0; i < warmup; i++) {
                    trainer.step(shape);
                }
                double[] millis = new double[steps];
                for (int i = 0; i < steps; i++) {
                    long start = System.nanoTime();
                    trainer.step(shape);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(millis);
                double median = millis[steps / 2];
                String name = ModelNames.of(kind);
                stdout().printf(Locale.ROOT, "%-15s |M|=%-4d %.0f ms/step (median of %d)%n", name, size, median, steps);
                rows.add(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%d,%d,%.1f,%d,%s",
                        name,
                        size,
                        maps,
                        warmup,
                        steps,
                        median,
                        Runtime.getRuntime().availableProcessors(),
                        NativeBuild.configuredLabel()));
            }
        }
        CsvFile.append(results.path().resolve("bench.csv"), HEADER, rows);
        return 0;
    }
}
