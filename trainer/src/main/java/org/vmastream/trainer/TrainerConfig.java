package org.vmastream.trainer;

import java.nio.file.Path;
import java.time.Duration;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.runtime.settings.SettingsException;
import org.vmastream.schemas.reference.ReferenceSplit;
import org.vmastream.trainer.episode.EpisodeMode;
import org.vmastream.trainer.label.HeadRecipe;

/**
 * What the online trainer does, read from the {@code trainer.*} settings (documented in
 * {@code vma-defaults.properties}).
 *
 * @param topic             topic the trainer learns from (exemplar records)
 * @param bufferCapacity    exemplars kept in the replay buffer; the oldest is replaced first
 * @param memorySize        |M|: distinct buffer items in each step's memory
 * @param batchSize         B: targets per step
 * @param samples           K: importance samples per target (at least 2, VIMCO needs a baseline)
 * @param episodes          how targets relate to the memory
 * @param learningRate      Adam step size
 * @param seed              seed of model initialisation, episode draws and sampling noise
 * @param publishSteps      publish a checkpoint after this many steps since the last one
 * @param publishInterval   or after this much time since the last one, whichever comes first
 * @param maxSteps          stop after this many steps in total (0: run until closed)
 * @param modelName         key of the model's checkpoints in the models topic
 * @param initialCheckpoint checkpoint file to start from when the models topic has none of this
 *                          model, or null to start from a random initialisation
 * @param references        which exemplars are the memory sets' references ({@code memory.reference.share}):
 *                          the trainer skips them, so that they stay unseen like the events they calibrate
 * @param prior             p(a) of a fresh model: flat, or learned (a softmax over the entries' keys)
 * @param head              how the label head trains beside the model ({@code trainer.label.*})
 */
public record TrainerConfig(
        String topic,
        int bufferCapacity,
        int memorySize,
        int batchSize,
        int samples,
        EpisodeMode episodes,
        double learningRate,
        long seed,
        int publishSteps,
        Duration publishInterval,
        long maxSteps,
        String modelName,
        Path initialCheckpoint,
        ReferenceSplit references,
        PriorKind prior,
        HeadRecipe head) {

    public TrainerConfig {
        require(!topic.isBlank(), "trainer.topic", topic, "must name a topic");
        require(memorySize >= 1, "trainer.memory.size", memorySize, "must be at least 1");
        require(batchSize >= 1, "trainer.batch.size", batchSize, "must be at least 1");
        require(samples >= 2, "trainer.samples", samples, "must be at least 2 (VIMCO's baseline needs other samples)");
        require(
                (long) memorySize + batchSize <= bufferCapacity,
                "trainer.buffer.capacity",
                bufferCapacity,
                "must hold at least trainer.memory.size + trainer.batch.size = " + ((long) memorySize + batchSize)
                        + " exemplars, or no step could ever be built");
        require(
                learningRate > 0 && Double.isFinite(learningRate),
                "trainer.learning.rate",
                learningRate,
                "must be a positive number");
        require(publishSteps >= 1, "trainer.publish.steps", publishSteps, "must be at least 1");
        require(
                !publishInterval.isNegative(),
                "trainer.publish.interval.ms",
                publishInterval.toMillis(),
                "must not be negative");
        require(maxSteps >= 0, "trainer.max.steps", maxSteps, "must not be negative (0: no limit)");
        require(!modelName.isBlank(), "model.name", modelName, "must not be blank");
    }

    /** Reads every field from {@code settings}; a blank {@code trainer.topic} means {@code topics.exemplars}. */
    public static TrainerConfig from(Settings settings) {
        ParsedSettings values = settings.parse(TrainerSettings.SECTION.definition());
        ParsedSettings shared = settings.parse(RuntimeSettings.SHARED.definition());
        return new TrainerConfig(
                values.optional(TrainerSettings.TOPIC)
                        .orElse(settings.parse(RuntimeSettings.KAFKA.definition())
                                .string(RuntimeSettings.EXEMPLARS_TOPIC)),
                values.integer(TrainerSettings.BUFFER_CAPACITY),
                values.integer(TrainerSettings.MEMORY_SIZE),
                values.integer(TrainerSettings.BATCH_SIZE),
                values.integer(TrainerSettings.SAMPLES),
                values.choice(TrainerSettings.EPISODES, EpisodeMode.class),
                values.decimal(TrainerSettings.LEARNING_RATE),
                values.longValue(TrainerSettings.SEED),
                values.integer(TrainerSettings.PUBLISH_STEPS),
                values.millis(TrainerSettings.PUBLISH_INTERVAL_MS),
                values.longValue(TrainerSettings.MAX_STEPS),
                shared.string(RuntimeSettings.MODEL_NAME),
                values.path(TrainerSettings.INITIAL_CHECKPOINT).orElse(null),
                new ReferenceSplit(shared.decimal(RuntimeSettings.REFERENCE_SHARE)),
                values.choice(TrainerSettings.PRIOR, PriorKind.class),
                new HeadRecipe(
                        values.integer(TrainerSettings.LABEL_STEPS), values.integer(TrainerSettings.LABEL_SHIFT)));
    }

    /** The optimiser settings: the paper's (eq. 8 signal, no weight decay) with this step size, K and seed. */
    public TrainingConfig training() {
        return new TrainingConfig(samples, batchSize, learningRate, 0.0, LearningSignal.PAPER, seed);
    }

    /** Whether the trainer stops by itself after {@link #maxSteps}. */
    public boolean bounded() {
        return maxSteps > 0;
    }

    private static void require(boolean ok, String key, Object value, String why) {
        if (!ok) {
            throw new SettingsException(key, String.valueOf(value), why);
        }
    }
}
