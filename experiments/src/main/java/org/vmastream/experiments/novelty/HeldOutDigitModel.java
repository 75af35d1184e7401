package org.vmastream.experiments.novelty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadFile;
import org.vmastream.model.train.StepMetrics;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.schemas.Exemplar;
import org.vmastream.trainer.episode.Episode;
import org.vmastream.trainer.episode.EpisodeBuilder;
import org.vmastream.trainer.episode.EpisodeMode;
import org.vmastream.trainer.label.HeadRecipe;
import org.vmastream.trainer.label.HeadTraining;
import org.vmastream.trainer.replay.ReplayBuffer;

/**
 * A model that has never seen one digit, trained the way the online trainer trains (its replay
 * buffer, same-class episodes of |M| = 64, B = 32, K = 4, Adam at 3e-4, and one label-head step per
 * VIMCO step) for a given time, and kept as a checkpoint and a head file so that a later run reuses
 * them instead of training again.
 *
 * @param model the generative model
 * @param head  its label head, trained in the same time
 */
public record HeldOutDigitModel(VmaModel model, LabelHead head) {
    private static final Logger LOG = LoggerFactory.getLogger(HeldOutDigitModel.class);
    private static final int BUFFER = 20_000;
    private static final int MEMORY = 64;
    private static final int BATCH = 32;
    private static final int SAMPLES = 4;
    private static final double LEARNING_RATE = 3e-4;

    /**
     * @param checkpoint where the model is kept; reused when it exists
     * @param training   the images it may learn from (no image of the held-out digit, no reference)
     * @param headRecipe how the label head trains beside the model, as {@code trainer.label.*} says
     */
    public static HeldOutDigitModel trainOrLoad(
            Path checkpoint,
            int digit,
            MnistDataset training,
            int[] indices,
            Duration time,
            long seed,
            PriorKind prior,
            HeadRecipe headRecipe)
            throws IOException {
        Path headFile =
                checkpoint.resolveSibling(checkpoint.getFileName().toString().replace(".vmackpt", ".vmahead"));
        // The online trainer loads a head kept under this name beside its trainer.initial.checkpoint.
        if (Files.exists(checkpoint) && Files.exists(headFile)) {
            Checkpoint kept = CheckpointFile.read(checkpoint);
            LOG.info("digit {}: reusing {} ({} steps) and {}", digit, checkpoint, kept.step(), headFile);
            return new HeldOutDigitModel(kept.toModel(), LabelHeadFile.fromBytes(Files.readAllBytes(headFile)));
        }
        ReplayBuffer buffer = ReplayBuffer.ofDimension(BUFFER, MnistDataset.PIXELS);
        float[] image = new float[MnistDataset.PIXELS];
        for (int i = 0; i < Math.min(BUFFER, indices.length); i++) {
            training.image(indices[i], image, 0);
            buffer.add(exemplar(indices[i], training.label(indices[i]), image));
        }
        TrainingConfig config = new TrainingConfig(SAMPLES, BATCH, LEARNING_RATE, 0.0, LearningSignal.PAPER, seed);
        ModelConfig architecture =
                ModelConfig.mnistExemplar(0).with(Similarity.NORMALISED, prior, ModelConfig.Precision.FLOAT);
        VimcoTrainer trainer = new VimcoTrainer(VmaModel.initialise(architecture, seed), config);
        EpisodeBuilder episodes = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, MEMORY, BATCH, seed);
        HeadTraining head = new HeadTraining(buffer, null, seed, headRecipe);
        long end = System.nanoTime() + time.toNanos();
        try (ProgressBar bar = new ProgressBarBuilder()
                .setTaskName("digit " + digit)
                .setInitialMax(time.toSeconds())
                .setUnit(" s", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(1000)
                .build()) {
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                Episode episode = episodes.build(trainer.steps());
                StepMetrics metrics = trainer.step(episode.targets(), episode.memory());
                head.step(trainer.steps());
                bar.stepTo((System.nanoTime() - start) / 1_000_000_000L);
                bar.setExtraMessage(String.format(Locale.ROOT, "step %d L=%.1f", metrics.step(), metrics.bound()));
            }
        }
        Files.createDirectories(checkpoint.toAbsolutePath().getParent());
        CheckpointFile.write(
                checkpoint,
                Checkpoint.of(
                        trainer,
                        Map.of(
                                "data",
                                "MNIST train without digit " + digit + " and without the references",
                                "recipe",
                                "online trainer: same-class |M|=64 B=32 K=4 lr=3e-4 prior=" + prior,
                                "seconds",
                                String.valueOf(time.toSeconds()),
                                "label head steps",
                                String.valueOf(head.steps()),
                                "label head recipe",
                                headRecipe.stepsPerUpdate() + " per VIMCO step, shift " + headRecipe.shift())));
        LabelHead trained = head.head().orElseThrow();
        Files.write(headFile, LabelHeadFile.toBytes(trained));
        LOG.info(
                "digit {}: trained {} VIMCO and {} label-head steps in {} s, kept in {} and {}",
                digit,
                trainer.steps(),
                head.steps(),
                time.toSeconds(),
                checkpoint,
                headFile);
        return new HeldOutDigitModel(trainer.model(), trained);
    }

    private static Exemplar exemplar(int index, int label, float[] image) {
        List<Float> data = new ArrayList<>(image.length);
        for (float v : image) {
            data.add(v);
        }
        return Exemplar.newBuilder()
                .setId("train-" + index)
                .setMemorySet("mnist")
                .setLabel(String.valueOf(label))
                .setShape(List.of(28, 28))
                .setData(data)
                .setTimestamp(Instant.EPOCH)
                .setSource("mnist train")
                .build();
    }
}
