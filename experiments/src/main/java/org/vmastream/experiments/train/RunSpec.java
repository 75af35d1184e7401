package org.vmastream.experiments.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.experiments.BuildVersions;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.train.TrainingConfig;

/**
 * Everything that decides what a training run computes. The model and training configurations
 * travel in the checkpoint itself; the rest (preset, memory size, binarisation) travels in its
 * provenance, so that {@code --resume} needs nothing but the file.
 *
 * @param preset       the experiment
 * @param memorySize   exemplars per episode (recall), learned entries (learned-memory), 0 (vae)
 * @param binarization how training images become binary
 * @param model        the architecture
 * @param training     optimiser, batch, K and seed
 */
public record RunSpec(
        Preset preset, int memorySize, Binarization binarization, ModelConfig model, TrainingConfig training) {
    static final String PRESET = "preset";
    static final String MEMORY_SIZE = "memory_size";
    static final String BINARIZATION = "binarization";
    static final String WALL_SECONDS = "wall_seconds";

    /**
     * The run a checkpoint written by {@code vma train} belongs to.
     *
     * @throws IllegalArgumentException if the checkpoint lacks the launcher's provenance
     */
    public static RunSpec fromCheckpoint(Checkpoint checkpoint) {
        Map<String, String> provenance = checkpoint.provenance();
        for (String key : new String[] {PRESET, MEMORY_SIZE, BINARIZATION}) {
            if (!provenance.containsKey(key)) {
                throw new IllegalArgumentException("the checkpoint has no provenance '" + key
                        + "': only checkpoints written by 'vma train' can be resumed");
            }
        }
        return new RunSpec(
                Preset.parse(provenance.get(PRESET)),
                Integer.parseInt(provenance.get(MEMORY_SIZE)),
                Binarization.valueOf(provenance.get(BINARIZATION).toUpperCase(Locale.ROOT)),
                checkpoint.model(),
                checkpoint.training());
    }

    /** Training wall time accumulated over the sessions of the run that wrote this checkpoint. */
    public static double wallSeconds(Checkpoint checkpoint) {
        return Double.parseDouble(checkpoint.provenance().getOrDefault(WALL_SECONDS, "0"));
    }

    /** Number of entries the model addresses, the ceiling e^KL(a) can reach; 0 without memory. */
    public int addressedEntries() {
        return switch (preset) {
            case RECALL -> memorySize + model.fallbackEntries();
            case LEARNED_MEMORY -> model.learnedEntries();
            case VAE -> 0;
        };
    }

    /** The episodes this run trains on, drawn from these images. */
    public Episodes episodes(MnistDataset images) {
        Binarizer binarizer = new Binarizer(binarization);
        return preset == Preset.RECALL
                ? new RecallEpisodes(images, memorySize, training.batchSize(), binarizer, training.seed())
                : new BatchEpisodes(images, training.batchSize(), binarizer, training.seed());
    }

    /** The checkpoint's provenance for this run at a given total wall time. */
    public Map<String, String> provenance(String dataset, double wallSeconds) {
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put(PRESET, preset.toString());
        provenance.put("dataset", dataset);
        provenance.put(BINARIZATION, binarization.name().toLowerCase(Locale.ROOT));
        provenance.put(MEMORY_SIZE, Integer.toString(memorySize));
        provenance.put("java_version", System.getProperty("java.version"));
        provenance.put("nd4j_version", BuildVersions.nd4j());
        provenance.put("launcher_version", BuildVersions.project());
        provenance.put(WALL_SECONDS, String.format(Locale.ROOT, "%.1f", wallSeconds));
        return provenance;
    }
}
