package org.vmastream.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryKind;

/**
 * The architecture of a model: everything needed to rebuild it before parameters are loaded.
 *
 * @param dataDim         pixels (or features) per example, e.g. 784 for MNIST
 * @param memory          where memory contents come from
 * @param memoryDim       width of one memory entry: {@code dataDim} for exemplars, free for learned memory
 * @param learnedEntries  |M| for learned memory, 0 otherwise
 * @param fallbackEntries learned entries appended to every exemplar memory, so that an event
 *                        with no fitting exemplar, or an empty memory, still has somewhere to address
 * @param similarity      S(m, x) used by q(a|x) and the learned p(a)
 * @param prior           learned or flat p(a)
 * @param latentDim       |z|
 * @param hidden1         first hidden width of every MLP (the paper: 256)
 * @param hidden2         second hidden width of every MLP (the paper: 128)
 * @param embeddingDim    width of the matching space of h and h_q
 * @param precision       element type of parameters and activations
 * @param outputSkip      whether the decoder's logits also get 10 g * (2 m_a - 1), a learned per-value gain g
 *                        (zero at the start) times the addressed entry: the MLP's counterpart of the
 *                        convolutional decoder's skip from m, which lets the model copy an entry
 *                        instead of squeezing it through the hidden layers. Needs memoryDim == dataDim.
 */
public record ModelConfig(
        int dataDim,
        MemoryKind memory,
        int memoryDim,
        int learnedEntries,
        int fallbackEntries,
        Similarity similarity,
        PriorKind prior,
        int latentDim,
        int hidden1,
        int hidden2,
        int embeddingDim,
        Precision precision,
        boolean outputSkip) {

    /** Element type of the model's arrays. */
    public enum Precision {
        FLOAT(DataType.FLOAT),
        DOUBLE(DataType.DOUBLE);

        private final DataType dataType;

        Precision(DataType dataType) {
            this.dataType = dataType;
        }

        /** The ND4J data type. */
        public DataType dataType() {
            return dataType;
        }
    }

    public ModelConfig {
        require(dataDim > 0, "dataDim", dataDim, "must be positive");
        require(latentDim > 0, "latentDim", latentDim, "must be positive");
        require(hidden1 > 0 && hidden2 > 0, "hidden1/hidden2", hidden1 + "/" + hidden2, "must be positive");
        require(embeddingDim > 0, "embeddingDim", embeddingDim, "must be positive");
        require(fallbackEntries >= 0, "fallbackEntries", fallbackEntries, "must not be negative");
        require(
                !outputSkip || (memory != MemoryKind.NONE && memoryDim == dataDim),
                "outputSkip",
                outputSkip,
                "needs a memory whose entries have dataDim (" + dataDim + ") values");
        switch (memory) {
            case EXEMPLAR -> {
                require(
                        memoryDim == dataDim,
                        "memoryDim",
                        memoryDim,
                        "must equal dataDim (" + dataDim + ") for exemplar memory");
                require(learnedEntries == 0, "learnedEntries", learnedEntries, "must be 0 for exemplar memory");
            }
            case LEARNED -> {
                require(memoryDim > 0, "memoryDim", memoryDim, "must be positive");
                require(learnedEntries > 0, "learnedEntries", learnedEntries, "must be positive for learned memory");
                require(fallbackEntries == 0, "fallbackEntries", fallbackEntries, "applies to exemplar memory only");
            }
            case NONE -> {
                require(
                        learnedEntries == 0 && fallbackEntries == 0,
                        "learnedEntries/fallbackEntries",
                        learnedEntries + "/" + fallbackEntries,
                        "must be 0 without memory");
            }
        }
    }

    private static void require(boolean ok, String key, Object value, String why) {
        if (!ok) {
            throw new IllegalArgumentException("invalid model configuration: " + key + "=" + value + " " + why);
        }
    }

    /** The paper's MNIST MLP with exemplar memory (recall / few-shot style), with the output skip. */
    public static ModelConfig mnistExemplar(int fallbackEntries) {
        return new ModelConfig(
                784,
                MemoryKind.EXEMPLAR,
                784,
                0,
                fallbackEntries,
                Similarity.NORMALISED,
                PriorKind.LEARNED,
                32,
                256,
                128,
                128,
                Precision.FLOAT,
                true);
    }

    /** The paper's MNIST MLP with |M| learned entries in R^256. */
    public static ModelConfig mnistLearned(int entries) {
        return new ModelConfig(
                784,
                MemoryKind.LEARNED,
                256,
                entries,
                0,
                Similarity.NORMALISED,
                PriorKind.LEARNED,
                32,
                256,
                128,
                128,
                Precision.FLOAT,
                false);
    }

    /** The baseline VAE: the same encoder and decoder, no memory. */
    public static ModelConfig mnistVae() {
        return new ModelConfig(
                784,
                MemoryKind.NONE,
                0,
                0,
                0,
                Similarity.NORMALISED,
                PriorKind.FLAT,
                32,
                256,
                128,
                128,
                Precision.FLOAT,
                false);
    }

    /** Whether the model addresses a memory at all. */
    public boolean hasMemory() {
        return memory != MemoryKind.NONE;
    }

    /** Copy with other similarity, prior and precision (used by tests and presets). */
    public ModelConfig with(Similarity newSimilarity, PriorKind newPrior, Precision newPrecision) {
        return new ModelConfig(
                dataDim,
                memory,
                memoryDim,
                learnedEntries,
                fallbackEntries,
                newSimilarity,
                newPrior,
                latentDim,
                hidden1,
                hidden2,
                embeddingDim,
                newPrecision,
                outputSkip);
    }

    /** Copy with or without the decoder's skip from the addressed entry. */
    public ModelConfig withOutputSkip(boolean skip) {
        return new ModelConfig(
                dataDim,
                memory,
                memoryDim,
                learnedEntries,
                fallbackEntries,
                similarity,
                prior,
                latentDim,
                hidden1,
                hidden2,
                embeddingDim,
                precision,
                skip);
    }
}
