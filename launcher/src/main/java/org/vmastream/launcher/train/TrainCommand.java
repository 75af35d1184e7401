package org.vmastream.launcher.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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
import org.vmastream.experiments.train.InterruptGuard;
import org.vmastream.experiments.train.Preset;
import org.vmastream.experiments.train.RunOutputs;
import org.vmastream.experiments.train.RunSpec;
import org.vmastream.experiments.train.TrainMeans;
import org.vmastream.experiments.train.TrainingLoop;
import org.vmastream.experiments.train.TrainingOutcome;
import org.vmastream.launcher.cli.DataOptions;
import org.vmastream.launcher.cli.OptionChecks;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vma train}: trains one of the paper's MNIST models, or continues a run from its checkpoint. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        showDefaultValues = true,
        abbreviateSynopsis = true,
        header = "Train a model, or continue a run from its checkpoint.",
        description = "Trains a VMA model on binarised MNIST with VIMCO and writes checkpoint.vmackpt, "
                + "learning-curve.csv and learning-curve.png to the run directory. Ctrl-C stops after the current "
                + "step and saves; --resume continues exactly where the checkpoint stopped.")
public final class TrainCommand implements Callable<Integer> {
    /** Exit code of a session stopped by Ctrl-C, as shells report a SIGINT death. */
    private static final int INTERRUPTED = 130;

    private static final int DEFAULT_MEMORY = 256;
    private static final int TEST_BATCH = 16;
    private static final int TEST_CHUNK = 100;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(60);
    /** Options that define the run; a resumed run takes them from its checkpoint instead. */
    private static final List<String> RUN_OPTIONS = List.of(
            "--preset",
            "--memory-size",
            "--batch",
            "--samples",
            "--learning-rate",
            "--weight-decay",
            "--similarity",
            "--prior",
            "--signal",
            "--fallback-entries",
            "--output-skip",
            "--binarization",
            "--seed");

    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    private final TrainingData.Source data;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--preset",
            paramLabel = "PRESET",
            converter = PresetConverter.class,
            description = "recall, learned-memory or vae (required unless --resume)")
    private Preset preset;

    @Option(
            names = "--memory-size",
            paramLabel = "|M|",
            description = "exemplars per episode (recall) or learned entries (learned-memory); default 256")
    private Integer memorySize;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "10000",
            description = "step count to train to; a resumed run continues up to it")
    private long steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "examples per step")
    private int batch;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "4", description = "K importance samples per example")
    private int samples;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "3e-4", description = "Adam step size")
    private double learningRate;

    @Option(
            names = "--weight-decay",
            paramLabel = "L2",
            defaultValue = "0",
            description = "L2 on weight matrices (never on memory)")
    private double weightDecay;

    @Option(
            names = "--similarity",
            paramLabel = "KIND",
            description = "address similarity: ${COMPLETION-CANDIDATES}; default NORMALISED")
    private Similarity similarity;

    @Option(names = "--prior", paramLabel = "KIND", description = "p(a): ${COMPLETION-CANDIDATES}; default LEARNED")
    private PriorKind prior;

    @Option(
            names = "--signal",
            paramLabel = "KIND",
            defaultValue = "PAPER",
            description = "VIMCO learning signal: ${COMPLETION-CANDIDATES}")
    private LearningSignal signal;

    @Option(
            names = "--fallback-entries",
            paramLabel = "N",
            defaultValue = "0",
            description = "learned entries added to the exemplars (recall)")
    private int fallbackEntries;

    @Option(
            names = "--output-skip",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "recall: add a learned per-pixel gain times the addressed exemplar to the decoder's"
                    + " logits, so the model can copy it (--no-output-skip: the paper's plain MLP decoder)")
    private boolean outputSkip;

    @Option(
            names = "--binarization",
            paramLabel = "KIND",
            defaultValue = "DYNAMIC",
            description = "${COMPLETION-CANDIDATES}")
    private Binarization binarization;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            defaultValue = "1",
            description = "seed of initialisation, data and noise")
    private long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "run directory; default runs/<preset>-<|M|>-<timestamp>,"
                    + " or the checkpoint's directory with --resume")
    private Path out;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "N",
            defaultValue = "2000",
            description = "steps between checkpoints")
    private int checkpointEvery;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "100", description = "steps per learning-curve row")
    private int logEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "continue this checkpoint's run exactly")
    private Path resume;

    @Mixin
    private DataOptions dataOptions;

    @Option(
            names = "--results",
            paramLabel = "FILE",
            description = "after training, score the test set and append a row here")
    private Path results;

    @Option(
            names = "--test-samples",
            paramLabel = "K",
            defaultValue = "1000",
            description = "K of the test bound (with --results)")
    private int testSamples;

    @Option(
            names = "--test-limit",
            paramLabel = "N",
            description = "test images to score (with --results); default all")
    private Integer testLimit;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "experiment name in the results table; default the preset")
    private String name;

    /** @param data where the training and test images come from */
    public TrainCommand(TrainingData.Source data) {
        this.data = data;
    }

    @Override
    public Integer call() {
        validate();
        TrainingData images = data.open(dataOptions.dataDir());
        Start start = resume != null ? resumed() : fresh();
        RunSpec run = start.spec();
        TestSet testSet = results != null ? testSet(run, images) : null;
        VimcoTrainer trainer = start.trainer();
        LOG.info("{} run in {}: step {} to {}", run.preset(), start.directory(), trainer.steps(), steps);
        RunOutputs outputs =
                new RunOutputs(start.directory(), run, images.description(), trainer.steps(), start.earlierSeconds());
        TrainingLoop loop = new TrainingLoop(run.episodes(images.trainImages()), outputs, logEvery, checkpointEvery);
        PrintWriter console = spec.commandLine().getOut();
        TrainingOutcome outcome;
        try (InterruptGuard guard = InterruptGuard.install(SHUTDOWN_GRACE)) {
            outcome = loop.run(trainer, steps, guard::stopRequested);
            if (outcome.interrupted()) {
                console.printf(
                        "Stopped at step %d; saved %s%nContinue with: vma train --resume %s%n",
                        outcome.steps(), outputs.checkpoint(), outputs.checkpoint());
                console.flush();
                return INTERRUPTED;
            }
        }
        printSummary(console, run, outcome, start.directory());
        if (testSet != null) {
            scoreAndRecord(console, run, outcome, trainer, testSet);
        }
        console.flush();
        return 0;
    }

    private static void printSummary(PrintWriter console, RunSpec run, TrainingOutcome outcome, Path directory) {
        console.printf(
                Locale.ROOT,
                "Trained %s to step %d (%.1f s of training in all) in %s%n",
                run.preset(),
                outcome.steps(),
                outcome.wallSeconds(),
                directory);
        TrainMeans means = outcome.trainMeans();
        if (means.steps() > 0) {
            String klAddress =
                    run.preset().hasMemory() ? String.format(Locale.ROOT, ", KL(a) %.3f", means.klAddress()) : "";
            console.printf(
                    Locale.ROOT,
                    "last %d steps: bound %.3f%s, KL(z) %.3f nats, %.1f ms/step%n",
                    means.steps(),
                    means.bound(),
                    klAddress,
                    means.klLatent(),
                    means.msPerStep());
        }
    }

    /** The test bound of the trained model, printed and appended to the results table. */
    private void scoreAndRecord(
            PrintWriter console, RunSpec run, TrainingOutcome outcome, VimcoTrainer trainer, TestSet testSet) {
        EvalSummary test = new Evaluator(
                        testSamples,
                        Math.min(TEST_CHUNK, testSamples),
                        TEST_BATCH,
                        run.training().seed())
                .evaluate(trainer.model(), testSet);
        console.print(test.text());
        TrainMeans means = outcome.trainMeans();
        new ResultsRow(
                        name != null ? name : run.preset().toString(),
                        run.memorySize(),
                        outcome.steps(),
                        outcome.wallSeconds(),
                        means.bound(),
                        means.klAddress(),
                        means.klLatent(),
                        test.bound(),
                        testSamples)
                .appendTo(results);
        console.printf("appended to %s%n", results);
    }

    /** What a session starts from. */
    private record Start(RunSpec spec, VimcoTrainer trainer, Path directory, double earlierSeconds) {}

    private Start fresh() {
        int memory = preset.hasMemory() ? (memorySize != null ? memorySize : DEFAULT_MEMORY) : 0;
        ModelConfig base = preset.model(memory, fallbackEntries);
        ModelConfig model = base.with(
                        similarity != null ? similarity : base.similarity(),
                        prior != null ? prior : base.prior(),
                        base.precision())
                .withOutputSkip(base.outputSkip() && outputSkip);
        TrainingConfig training;
        try {
            training = new TrainingConfig(samples, batch, learningRate, weightDecay, signal, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        RunSpec run = new RunSpec(preset, memory, binarization, model, training);
        Path directory = out != null ? out : defaultDirectory(run);
        Path existing = directory.resolve(RunOutputs.CHECKPOINT);
        new OptionChecks(spec)
                .require(
                        !Files.exists(existing),
                        directory + " already holds a checkpoint: continue" + " it with --resume " + existing
                                + ", or choose another --out");
        return new Start(run, new VimcoTrainer(VmaModel.initialise(model, seed), training), directory, 0);
    }

    private Start resumed() {
        Checkpoint checkpoint = CheckpointFile.read(resume);
        Path directory = out != null ? out : resume.toAbsolutePath().getParent();
        return new Start(
                RunSpec.fromCheckpoint(checkpoint), checkpoint.toTrainer(), directory, RunSpec.wallSeconds(checkpoint));
    }

    /** Built before training, so that a test set too small for the memory fails now, not after hours. */
    private TestSet testSet(RunSpec run, TrainingData images) {
        int limit = testLimit != null ? testLimit : Integer.MAX_VALUE;
        return TestSet.of(
                run.preset(),
                images.testImages(),
                run.memorySize(),
                false,
                limit,
                new Binarizer(Binarization.FIXED),
                new SplittableRandom(run.training().seed()));
    }

    private static Path defaultDirectory(RunSpec run) {
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String memory = run.preset().hasMemory() ? "-" + run.memorySize() : "";
        return Path.of("runs", run.preset() + memory + "-" + time);
    }

    private void validate() {
        OptionChecks check = new OptionChecks(spec);
        if (resume != null) {
            for (String option : RUN_OPTIONS) {
                check.require(
                        !check.given(option),
                        option + " cannot be combined with --resume: a resumed run"
                                + " keeps the configuration stored in its checkpoint");
            }
        } else {
            check.require(preset != null, "Missing required option: '--preset=PRESET' (or --resume CHECKPOINT)");
            check.require(preset.hasMemory() || memorySize == null, "--memory-size does not apply to the vae preset");
            check.require(
                    preset.hasMemory() || (similarity == null && prior == null),
                    "--similarity and --prior do not apply to the vae preset, which has no memory");
            check.require(
                    preset == Preset.RECALL || fallbackEntries == 0,
                    "--fallback-entries applies to the recall preset only");
            check.require(fallbackEntries >= 0, "--fallback-entries must not be negative");
            check.require(
                    preset == Preset.RECALL || !check.given("--output-skip"),
                    "--output-skip applies to the recall preset only");
            check.require(
                    !preset.hasMemory() || samples >= 2,
                    "--samples must be at least 2 for a model with memory"
                            + " (VIMCO's baseline for each sample uses the others)");
            if (memorySize != null) {
                check.positive("--memory-size", memorySize);
            }
        }
        check.positive("--steps", steps);
        check.positive("--checkpoint-every", checkpointEvery);
        check.positive("--log-every", logEvery);
        check.positive("--test-samples", testSamples);
        if (testLimit != null) {
            check.positive("--test-limit", testLimit);
        }
    }
}
