package org.vmastream.experiments.train;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.vmastream.model.ModelConfig;

/** The experiments of the paper's MNIST section that the launcher trains. */
public enum Preset {
    /** Exemplar memory of training images; targets are drawn from the memory ("train to recall"). */
    RECALL("recall"),
    /** |M| learned entries in R^256; targets are training images. */
    LEARNED_MEMORY("learned-memory"),
    /** The same encoder and decoder without memory: the baseline VAE. */
    VAE("vae");

    private final String cliName;

    Preset(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in file names, e.g. "learned-memory". */
    @Override
    public String toString() {
        return cliName;
    }

    /**
     * @throws IllegalArgumentException naming the valid presets if {@code name} is none of them
     */
    public static Preset parse(String name) {
        return Arrays.stream(values())
                .filter(p -> p.cliName.equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown preset '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Preset::toString).collect(Collectors.joining(", "))));
    }

    /** The preset whose architecture this is (the kind of memory decides). */
    public static Preset of(ModelConfig config) {
        return switch (config.memory()) {
            case EXEMPLAR -> RECALL;
            case LEARNED -> LEARNED_MEMORY;
            case NONE -> VAE;
        };
    }

    /** Whether models of this preset address a memory. */
    public boolean hasMemory() {
        return this != VAE;
    }

    /**
     * The paper's MNIST architecture for this preset.
     *
     * @param memorySize      learned entries (learned-memory; ignored otherwise)
     * @param fallbackEntries learned entries appended to the exemplars (recall; must be 0 otherwise)
     */
    public ModelConfig model(int memorySize, int fallbackEntries) {
        return switch (this) {
            case RECALL -> ModelConfig.mnistExemplar(fallbackEntries);
            case LEARNED_MEMORY -> ModelConfig.mnistLearned(memorySize);
            case VAE -> ModelConfig.mnistVae();
        };
    }
}
