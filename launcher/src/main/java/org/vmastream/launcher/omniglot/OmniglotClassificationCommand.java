package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vmastream.experiments.omniglot.IntList;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.eval.Accuracy;
import org.vmastream.fewshot.eval.FewShotClassification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * N-way k-shot classification of held-out characters with a trained VMA, from q(a|x) and optionally from
 * importance weights, written to {@code <out>/classification.csv}.
 */
@Command(
        name = "classification",
        mixinStandardHelpOptions = true,
        description = "Few-shot classification accuracy on held-out characters (5/20-way, 1/5-shot).")
public final class OmniglotClassificationCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private OmniglotDataOptions data;

    @Mixin
    private CheckpointOption checkpoint;

    @Option(names = "--ways", defaultValue = "5,20", description = "Classes per episode (default: ${DEFAULT-VALUE}).")
    private String ways;

    @Option(names = "--shots", defaultValue = "1,5", description = "Examples per class (default: ${DEFAULT-VALUE}).")
    private String shots;

    @Option(
            names = "--episodes",
            defaultValue = "400",
            description = "Episodes per setting (default: ${DEFAULT-VALUE}).")
    private int episodes;

    @Option(
            names = "--importance-samples",
            defaultValue = "0",
            description = "K for classification from importance weights as well (0: only q(a|x)).")
    private int importanceSamples;

    @Option(
            names = "--importance-episodes",
            defaultValue = "100",
            description = "Episodes per setting for importance weights (default: ${DEFAULT-VALUE}).")
    private int importanceEpisodes;

    @Option(names = "--seed", defaultValue = "11", description = "Seed of the episodes.")
    private long seed;

    @Mixin
    private ResultsFolder results;

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        int[] wayCounts = IntList.parse(ways, "--ways");
        int[] shotCounts = IntList.parse(shots, "--shots");
        OmniglotDataOptions.Split split = data.load();
        FewShotModel model = checkpoint.loadAddressing("classification");
        FewShotClassification classification = new FewShotClassification(split.test(), model, seed);
        List<Accuracy> accuracies = new ArrayList<>();
        long total = (long) wayCounts.length
                * shotCounts.length
                * (episodes + (importanceSamples > 0 ? importanceEpisodes : 0));
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("classify")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .build()) {
            for (int w : wayCounts) {
                for (int s : shotCounts) {
                    accuracies.add(classification.byAddresses(w, s, episodes, bar::stepBy));
                    if (importanceSamples > 0) {
                        accuracies.add(classification.byImportanceWeights(
                                w, s, importanceEpisodes, importanceSamples, bar::stepBy));
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(Accuracy.HEADER);
        for (Accuracy a : accuracies) {
            lines.add(a.csv("vma"));
            stdout().printf(
                            Locale.ROOT,
                            "%2d-way %d-shot %-16s %.1f%% +- %.1f (%d episodes)%n",
                            a.ways(),
                            a.shots(),
                            a.method(),
                            100 * a.mean(),
                            100 * a.halfWidth(),
                            a.episodes());
        }
        Files.createDirectories(results.path());
        Files.write(results.path().resolve("classification.csv"), lines);
        return 0;
    }
}
