package org.vmastream.launcher.eval;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.experiments.data.TrainingData;
import org.vmastream.experiments.eval.EvalSummary;
import org.vmastream.experiments.eval.Evaluator;
import org.vmastream.experiments.eval.TestSet;
import org.vmastream.experiments.results.ResultsRow;
import org.vmastream.experiments.train.Preset;
import org.vmastream.launcher.cli.DataOptions;
import org.vmastream.launcher.cli.OptionChecks;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vma eval}: the K-sample test bound of a checkpoint on the MNIST test set. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        abbreviateSynopsis = true,
        header = "Score the MNIST test set with a checkpoint.",
        description = "Scores MNIST test images with a checkpoint's model: the mean K-sample bound with its "
                + "standard error, KL(a), KL(z), reconstruction and the spread of e^KL(a). Recall models hold the "
                + "first |M| test images in memory and are scored on those same images.")
public final class EvalCommand implements Callable<Integer> {
    private static final int DEFAULT_MEMORY = 256;
    private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

    private final TrainingData.Source data;

    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "checkpoint file")
    private Path checkpoint;

    @Option(
            names = "--samples",
            paramLabel = "K",
            defaultValue = "1000",
            description = "K importance samples per bound")
    private int samples;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "100", description = "samples per example per pass")
    private int chunk;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "examples per pass")
    private int batch;

    @Option(names = "--limit", paramLabel = "N", description = "score at most N test images; default all")
    private Integer limit;

    @Option(
            names = "--memory-size",
            paramLabel = "|M|",
            description = "test images in memory (recall models only); default 256")
    private Integer memorySize;

    @Option(
            names = "--novel-targets",
            description = "recall models: score the test images after the first |M|,"
                    + " none of which is in memory (how well the model handles events with no exact exemplar)")
    private boolean novelTargets;

    @Option(
            names = "--binarization",
            paramLabel = "KIND",
            defaultValue = "FIXED",
            description = "${COMPLETION-CANDIDATES}")
    private Binarization binarization;

    @Mixin
    private DataOptions dataOptions;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "1",
            description = "seed of the sampling noise (and dynamic binarisation)")
    private long seed;

    @Option(names = "--json", description = "print one line of JSON instead of the report")
    private boolean json;

    @Option(names = "--results", paramLabel = "FILE", description = "append a row to this results table")
    private Path results;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "experiment name in the results table; default the preset")
    private String name;

    /** @param data where the test images come from */
    public EvalCommand(TrainingData.Source data) {
        this.data = data;
    }

    @Override
    public Integer call() {
        OptionChecks check = new OptionChecks(spec);
        check.positive("--samples", samples);
        check.positive("--chunk", chunk);
        check.positive("--batch", batch);
        if (limit != null) {
            check.positive("--limit", limit);
        }
        Checkpoint model = CheckpointFile.read(checkpoint);
        Preset preset = Preset.of(model.model());
        check.require(
                memorySize == null || preset == Preset.RECALL,
                "--memory-size applies to recall models only; " + checkpoint + " holds a " + preset + " model");
        check.require(
                !novelTargets || preset == Preset.RECALL,
                "--novel-targets applies to recall models only; " + checkpoint + " holds a " + preset + " model");
        int memory = memorySize != null ? memorySize : DEFAULT_MEMORY;
        if (memorySize != null) {
            check.positive("--memory-size", memorySize);
        }
        TestSet set = TestSet.of(
                preset,
                data.open(dataOptions.dataDir()).testImages(),
                memory,
                novelTargets,
                limit != null ? limit : Integer.MAX_VALUE,
                new Binarizer(binarization),
                new SplittableRandom(seed));
        EvalSummary summary = new Evaluator(samples, chunk, batch, seed).evaluate(model.toModel(), set);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? summary.json() + System.lineSeparator() : summary.text());
        out.flush();
        if (results != null) {
            int entries = switch (preset) {
                case RECALL -> memory;
                case LEARNED_MEMORY -> model.model().learnedEntries();
                case VAE -> 0;
            };
            new ResultsRow(
                            name != null ? name : preset.toString(),
                            entries,
                            model.step(),
                            null,
                            null,
                            null,
                            null,
                            summary.bound(),
                            samples)
                    .appendTo(results);
            LOG.info("appended to {}", results);
        }
        return 0;
    }
}
