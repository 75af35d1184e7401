package org.vmastream.trainer;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.vmastream.runtime.settings.SettingsSection;

/** The online trainer's settings. */
public final class TrainerSettings {
    public static final String TOPIC = "trainer.topic";
    public static final String BUFFER_CAPACITY = "trainer.buffer.capacity";
    public static final String MEMORY_SIZE = "trainer.memory.size";
    public static final String BATCH_SIZE = "trainer.batch.size";
    public static final String SAMPLES = "trainer.samples";
    public static final String EPISODES = "trainer.episodes";
    public static final String LEARNING_RATE = "trainer.learning.rate";
    public static final String PRIOR = "trainer.prior";
    public static final String SEED = "trainer.seed";
    public static final String PUBLISH_STEPS = "trainer.publish.steps";
    public static final String PUBLISH_INTERVAL_MS = "trainer.publish.interval.ms";
    public static final String MAX_STEPS = "trainer.max.steps";
    public static final String INITIAL_CHECKPOINT = "trainer.initial.checkpoint";
    public static final String LABEL_STEPS = "trainer.label.steps";
    public static final String LABEL_SHIFT = "trainer.label.shift";
    /** Default of {@link #LABEL_STEPS}, also the offline benchmarks' (docs/novelty.md gives the measurements). */
    public static final int DEFAULT_LABEL_STEPS = 1;
    /** Default of {@link #LABEL_SHIFT}, also the offline benchmarks'. */
    public static final int DEFAULT_LABEL_SHIFT = 2;

    /** The keys, types, defaults and checks. */
    public static final SettingsSection SECTION = new SettingsSection(
            "Trainer",
            new ConfigDef()
                    .define(
                            TOPIC,
                            STRING,
                            "",
                            MEDIUM,
                            "Topic to learn from. Empty: the exemplar topic (topics.exemplars).")
                    .define(
                            BUFFER_CAPACITY,
                            INT,
                            20_000,
                            Range.atLeast(1),
                            MEDIUM,
                            "Exemplars kept for building episodes (oldest replaced first).")
                    .define(MEMORY_SIZE, INT, 64, Range.atLeast(1), MEDIUM, "Entries in an episode's memory.")
                    .define(BATCH_SIZE, INT, 32, Range.atLeast(1), MEDIUM, "Targets per step.")
                    .define(SAMPLES, INT, 4, Range.atLeast(1), MEDIUM, "Importance samples K of a step.")
                    .define(
                            EPISODES,
                            STRING,
                            "same-class",
                            CaseInsensitiveValidString.in("same-class", "recall"),
                            MEDIUM,
                            "same-class: targets from the classes in memory (labels needed; recall for unlabelled data);"
                                    + " recall: targets drawn from the memory itself.")
                    .define(LEARNING_RATE, DOUBLE, 3e-4, Range.between(1e-12, 1.0), HIGH, "Adam's step size.")
                    .define(
                            PRIOR,
                            STRING,
                            "flat",
                            CaseInsensitiveValidString.in("flat", "learned"),
                            HIGH,
                            "p(a) of a fresh"
                                    + " model: flat (uniform) or learned (a softmax over the entries' keys), which let q(a|x) collapse"
                                    + " onto a few entries (docs/novelty.md).")
                    .define(
                            LABEL_STEPS,
                            INT,
                            DEFAULT_LABEL_STEPS,
                            Range.between(0, 64),
                            MEDIUM,
                            "Label-head minibatches per VIMCO step, once the exemplars carry two labels (0: no head).")
                    .define(
                            LABEL_SHIFT,
                            INT,
                            DEFAULT_LABEL_SHIFT,
                            Range.between(0, 16),
                            LOW,
                            "Largest random offset, in pixels, of the images the label head trains on (0: none);"
                                    + " exemplars that are not images of one size are never shifted.")
                    .define(SEED, LONG, 1L, LOW, "Seed of initialisation, episodes and noise.")
                    .define(
                            PUBLISH_STEPS,
                            INT,
                            500,
                            Range.atLeast(1),
                            MEDIUM,
                            "Publish a version every this many steps, or every trainer.publish.interval.ms, whichever is first.")
                    .define(PUBLISH_INTERVAL_MS, LONG, 30_000L, Range.atLeast(0), MEDIUM, "Publication interval, ms.")
                    .define(
                            MAX_STEPS,
                            LONG,
                            0L,
                            Range.atLeast(0),
                            LOW,
                            "Stop after this many steps (0: run until stopped).")
                    .define(
                            INITIAL_CHECKPOINT,
                            STRING,
                            "",
                            MEDIUM,
                            "Checkpoint file (*.vmackpt) to start from when the"
                                    + " models topic holds none of model.name, with the label head beside it (same name, .vmahead) if"
                                    + " there is one. Empty: a random initialisation sized to the first exemplar."),
            List.of());

    private TrainerSettings() {}
}
