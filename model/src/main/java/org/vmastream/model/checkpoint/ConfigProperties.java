package org.vmastream.model.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.TrainingConfig;

/** Model and training configuration as flat string properties: readable, diffable, stable across versions. */
public final class ConfigProperties {
    private ConfigProperties() {}

    /** The model configuration under {@code model.*} keys. */
    public static Map<String, String> of(ModelConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model.dataDim", Integer.toString(c.dataDim()));
        p.put("model.memory", c.memory().name());
        p.put("model.memoryDim", Integer.toString(c.memoryDim()));
        p.put("model.learnedEntries", Integer.toString(c.learnedEntries()));
        p.put("model.fallbackEntries", Integer.toString(c.fallbackEntries()));
        p.put("model.similarity", c.similarity().name());
        p.put("model.prior", c.prior().name());
        p.put("model.latentDim", Integer.toString(c.latentDim()));
        p.put("model.hidden1", Integer.toString(c.hidden1()));
        p.put("model.hidden2", Integer.toString(c.hidden2()));
        p.put("model.embeddingDim", Integer.toString(c.embeddingDim()));
        p.put("model.precision", c.precision().name());
        p.put("model.outputSkip", Boolean.toString(c.outputSkip()));
        return p;
    }

    /** The training configuration under {@code training.*} keys. */
    public static Map<String, String> of(TrainingConfig t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("training.samples", Integer.toString(t.samples()));
        p.put("training.batchSize", Integer.toString(t.batchSize()));
        p.put("training.learningRate", Double.toString(t.learningRate()));
        p.put("training.weightDecay", Double.toString(t.weightDecay()));
        p.put("training.signal", t.signal().name());
        p.put("training.seed", Long.toString(t.seed()));
        return p;
    }

    /**
     * Reads {@code model.*} keys; fails naming the missing or malformed key. {@code model.outputSkip}
     * may be absent: files written before it existed hold models without the skip.
     */
    public static ModelConfig modelConfig(Map<String, String> p) {
        return new ModelConfig(
                integer(p, "model.dataDim"),
                enumValue(p, "model.memory", MemoryKind.class),
                integer(p, "model.memoryDim"),
                integer(p, "model.learnedEntries"),
                integer(p, "model.fallbackEntries"),
                enumValue(p, "model.similarity", Similarity.class),
                enumValue(p, "model.prior", PriorKind.class),
                integer(p, "model.latentDim"),
                integer(p, "model.hidden1"),
                integer(p, "model.hidden2"),
                integer(p, "model.embeddingDim"),
                enumValue(p, "model.precision", ModelConfig.Precision.class),
                flag(p, "model.outputSkip"));
    }

    /** Reads {@code training.*} keys; fails naming the missing or malformed key. */
    public static TrainingConfig trainingConfig(Map<String, String> p) {
        return new TrainingConfig(
                integer(p, "training.samples"),
                integer(p, "training.batchSize"),
                number(p, "training.learningRate"),
                number(p, "training.weightDecay"),
                enumValue(p, "training.signal", LearningSignal.class),
                Long.parseLong(required(p, "training.seed")));
    }

    private static String required(Map<String, String> p, String key) {
        String value = p.get(key);
        if (value == null) {
            throw new CheckpointFormatException("checkpoint configuration lacks the key " + key);
        }
        return value;
    }

    private static int integer(Map<String, String> p, String key) {
        try {
            return Integer.parseInt(required(p, key));
        } catch (NumberFormatException e) {
            throw new CheckpointFormatException(
                    "checkpoint configuration key " + key + " is not an integer: " + p.get(key), e);
        }
    }

    private static boolean flag(Map<String, String> p, String key) {
        String value = p.getOrDefault(key, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new CheckpointFormatException(
                    "checkpoint configuration key " + key + " is not true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private static double number(Map<String, String> p, String key) {
        try {
            return Double.parseDouble(required(p, key));
        } catch (NumberFormatException e) {
            throw new CheckpointFormatException(
                    "checkpoint configuration key " + key + " is not a number: " + p.get(key), e);
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, String> p, String key, Class<E> type) {
        try {
            return Enum.valueOf(type, required(p, key));
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(
                    "checkpoint configuration key " + key + " has unknown value " + p.get(key), e);
        }
    }
}
