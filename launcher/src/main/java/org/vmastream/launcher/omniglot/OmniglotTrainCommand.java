package org.vmastream.launcher.omniglot;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.datasets.episodes.LabelledImages;
import org.vmastream.datasets.episodes.SymmetricClasses;
import org.vmastream.experiments.omniglot.MemoryPerClass;
import org.vmastream.experiments.train.CurvePlot;
import org.vmastream.experiments.train.CurvePoint;
import org.vmastream.experiments.train.InterruptGuard;
import org.vmastream.experiments.train.LearningCurve;
import org.vmastream.experiments.train.MetricWindow;
import org.vmastream.fewshot.conv.ConvConfig;
import org.vmastream.fewshot.conv.FewShotCheckpoint;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.train.EpisodeTrainer;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.train.StepMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains a convolutional model on few-shot episodes of the training alphabets, for a number of steps or a wall-clock
 * budget, resuming from {@code <out>/model.vmaf} when it exists. Writes the checkpoint (periodically and at the end
 * or on Ctrl-C), {@code learning-curve.csv} and {@code learning-curve.png}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the convolutional VMA (or a baseline) on Omniglot few-shot episodes.")
public final class OmniglotTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** The checkpoint's name inside the output folder. */
    public static final String CHECKPOINT = "model.vmaf";

    @Mixin
    private OmniglotDataOptions data;

    @Option(
            names = "--model",
            defaultValue = "vma",
            converter = ModelKindConverter.class,
            description = "vma, vae (no memory) or soft-attention (default: ${DEFAULT-VALUE}).")
    private ModelKind kind;

    @Option(
            names = "--maps",
            defaultValue = "32",
            description = "Feature maps per conv layer (default: ${DEFAULT-VALUE}).")
    private int maps;

    @Option(names = "--latent", defaultValue = "64", description = "|z| (default: ${DEFAULT-VALUE}).")
    private int latent;

    @Option(names = "--flat-prior", description = "p(a) = 1/|M| instead of the learned prior.")
    private boolean flatPrior;

    @Option(names = "--steps", defaultValue = "0", description = "Stop after this many steps in total (0: no limit).")
    private long steps;

    @Option(names = "--minutes", defaultValue = "0", description = "Stop after this much wall time (0: no limit).")
    private double minutes;

    @Option(names = "--classes", defaultValue = "8", description = "Classes per episode (default: ${DEFAULT-VALUE}).")
    private int classes;

    @Option(
            names = "--targets-per-class",
            defaultValue = "4",
            description = "Targets per class (default: ${DEFAULT-VALUE}; 8 x 4 = the paper's batch of 32).")
    private int targetsPerClass;

    @Option(
            names = "--memory-per-class",
            defaultValue = "1-8",
            description = "Other examples per class in memory: a number or a range drawn per episode "
                    + "(default: ${DEFAULT-VALUE}).")
    private String memoryPerClass;

    @Option(names = "--samples", defaultValue = "4", description = "K (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(
            names = "--lr",
            defaultValue = "3e-4",
            description = "Adam step size (default: ${DEFAULT-VALUE}). When "
                    + "resuming, the checkpoint's step size is kept unless this option is given; given, it replaces it from "
                    + "the next step on (a decay), keeping Adam's moment estimates.")
    private double learningRate;

    @Option(
            names = "--weight-decay",
            defaultValue = "3e-4",
            description = "L2 on the weights (default: ${DEFAULT-VALUE}).")
    private double weightDecay;

    @Option(
            names = "--signal",
            defaultValue = "PAPER",
            description = "VIMCO learning signal: PAPER (eq. 8) or GEOMETRIC (default: ${DEFAULT-VALUE}).")
    private LearningSignal signal;

    @Option(
            names = "--latent-warmup",
            defaultValue = "0",
            description = "Steps over which the weight of the z terms in the surrogate rises linearly from 0 to 1 "
                    + "(0: none, the exact estimator throughout).")
    private long latentWarmup;

    @Option(
            names = "--quarter-turns",
            description = "Also train on every training character turned by 90, 180 and 270 degrees, each turn a "
                    + "new character of a new alphabet (4x the training classes; held-out alphabets untouched).")
    private boolean quarterTurns;

    @Option(
            names = "--mirrors",
            description = "Also train on every training character (and, with --quarter-turns, every turn) mirrored "
                    + "left to right, each mirror image a new character of a new alphabet (2x the training classes).")
    private boolean mirrors;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of weights, episodes and noise.")
    private long seed;

    @Option(names = "--log-every", defaultValue = "20", description = "Steps per learning-curve row.")
    private int logEvery;

    @Option(names = "--checkpoint-minutes", defaultValue = "10", description = "Minutes between checkpoints.")
    private double checkpointMinutes;

    @Option(names = "--out", required = true, description = "Folder for the checkpoint, curve and plot.")
    private Path out;

    /** The training characters with the symmetries asked for, each symmetry a class of its own. */
    private LabelledImages augmented(LabelledImages train) {
        LabelledImages turned = quarterTurns ? SymmetricClasses.quarterTurns(train) : train;
        return mirrors ? SymmetricClasses.mirrors(turned) : turned;
    }

    /** Results go to the command line's output, so that callers (and tests) can capture them. */
    private PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        if (steps <= 0 && minutes <= 0) {
            throw new IllegalArgumentException("give --steps or --minutes (or both) to bound the run");
        }
        MemoryPerClass memory = MemoryPerClass.parse(memoryPerClass);
        OmniglotDataOptions.Split split = data.load();
        stdout().printf(
                        Locale.ROOT,
                        "Omniglot: %d training classes (%s), %d test classes (%s)%n",
                        split.train().classCount(),
                        String.join(", ", split.alphabets().train()),
                        split.test().classCount(),
                        String.join(", ", split.alphabets().test()));
        Files.createDirectories(out);
        Path checkpoint = out.resolve(CHECKPOINT);
        FewShotModel model;
        long done = 0;
        if (Files.isRegularFile(checkpoint)) {
            FewShotCheckpoint.Loaded loaded = FewShotCheckpoint.load(checkpoint);
            model = loaded.model();
            done = loaded.steps();
            stdout().printf(
                            Locale.ROOT,
                            "Resuming %s after %d steps (its architecture: %s)%n",
                            checkpoint,
                            done,
                            model.config());
            if (spec.commandLine().getParseResult().hasMatchedOption("--lr")) {
                stdout().printf(
                                Locale.ROOT,
                                "Adam step size %s -> %s from step %d%n",
                                model.learningRate(),
                                learningRate,
                                done + 1);
                model.setLearningRate(learningRate);
            }
        } else {
            model = FewShotModel.create(
                    new ConvConfig(kind, data.pixels(), maps, latent, 256, 128, !flatPrior),
                    seed,
                    learningRate,
                    weightDecay);
        }
        LabelledImages training = augmented(split.train());
        if (training != split.train()) {
            stdout().printf(
                            Locale.ROOT,
                            "Training on %d classes:%s%s%n",
                            training.classCount(),
                            quarterTurns ? " each character in 4 quarter turns" : "",
                            mirrors ? " and mirrored" : "");
        }
        EpisodeTrainer trainer = new EpisodeTrainer(
                model, new EpisodeSampler(training, seed + 31 * done), samples, signal, seed + 17 * done + 1, done);
        SplittableRandom shapes = new SplittableRandom(seed + done);
        LearningCurve curve = LearningCurve.open(out.resolve("learning-curve.csv"), done);
        long start = System.nanoTime();
        long deadline = minutes > 0 ? start + (long) (minutes * 60e9) : Long.MAX_VALUE;
        long lastSave = start;
        long last = steps > 0 ? steps : Long.MAX_VALUE;
        MetricWindow window = new MetricWindow();
        int inWindow = 0;
        try (InterruptGuard guard = InterruptGuard.install(Duration.ofMinutes(2));
                ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName(kind.name().toLowerCase(Locale.ROOT))
                        .setInitialMax(steps > 0 ? steps : -1)
                        .startsFrom(done, Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(1000)
                        .build()) {
            while (done < last && System.nanoTime() < deadline && !guard.stopRequested()) {
                EpisodeShape shape = new EpisodeShape(classes, targetsPerClass, memory.draw(shapes), 0);
                double latentWeight = latentWarmup > 0 ? Math.min(1.0, (double) done / latentWarmup) : 1.0;
                StepMetrics metrics = trainer.step(shape, latentWeight);
                done++;
                window.add(metrics, metrics.millis());
                bar.stepTo(done);
                if (++inWindow == logEvery) {
                    CurvePoint point = window.drain(done);
                    inWindow = 0;
                    curve.append(point);
                    bar.setExtraMessage(String.format(
                            Locale.ROOT,
                            "L=%.1f KL(a)=%.2f KL(z)=%.1f %.0fms/step",
                            point.bound(),
                            point.klAddress(),
                            point.klLatent(),
                            point.msPerStep()));
                }
                if (System.nanoTime() - lastSave > checkpointMinutes * 60e9) {
                    FewShotCheckpoint.save(model, done, checkpoint);
                    CurvePlot.render(curve.points(), plottedMemory(memory), out.resolve("learning-curve.png"));
                    lastSave = System.nanoTime();
                }
            }
            FewShotCheckpoint.save(model, done, checkpoint);
            CurvePlot.render(curve.points(), plottedMemory(memory), out.resolve("learning-curve.png"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stdout().printf(
                        Locale.ROOT,
                        "Trained %s to step %d in %.0f s this session; checkpoint %s%n",
                        kind,
                        done,
                        seconds,
                        checkpoint);
        return 0;
    }

    /** The largest episode memory, for the plot's log|M| line (none without addresses). */
    private int plottedMemory(MemoryPerClass memory) {
        return kind == ModelKind.VMA ? classes * memory.max() : 0;
    }
}
