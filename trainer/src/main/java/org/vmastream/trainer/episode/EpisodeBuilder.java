package org.vmastream.trainer.episode;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.train.RandomStreams;
import org.vmastream.trainer.replay.ReplayBuffer;

/**
 * Draws each step's memory (|M| distinct buffer items) and targets (B) from a replay buffer, and
 * binarises both dynamically (a fresh Bernoulli draw per grey level, every time an item is used).
 * Every draw comes from the step's own stream {@code RandomStreams.forStep(seed, step, DATA)}, so
 * an episode is a function of (seed, step, buffer contents). Reuses its float arrays between
 * steps; not thread-safe.
 */
public final class EpisodeBuilder {
    private final ReplayBuffer buffer;
    private final EpisodeMode mode;
    private final int memorySize;
    private final int batchSize;
    private final long seed;
    private final int dimension;
    private final float[] memory;
    private final float[] targets;
    private final int[] memorySlots;
    private final int[] targetSlots;
    private final int[] eligibleRows;
    /** Marks the slots in the current memory: distinct draws and "other item" checks without a set. */
    private final boolean[] inMemory;

    /**
     * @param buffer     the source; its dimension must be fixed already
     * @param mode       how targets relate to memory
     * @param memorySize |M|
     * @param batchSize  B
     * @param seed       the run's seed
     */
    public EpisodeBuilder(ReplayBuffer buffer, EpisodeMode mode, int memorySize, int batchSize, long seed) {
        if (buffer.dimension() == 0) {
            throw new IllegalStateException(
                    "the replay buffer's data dimension is not known yet: add an exemplar first");
        }
        if (memorySize < 1 || batchSize < 1 || memorySize > buffer.capacity()) {
            throw new IllegalArgumentException("an episode of " + memorySize + " memory rows and " + batchSize
                    + " targets cannot be drawn from a buffer of capacity " + buffer.capacity());
        }
        this.buffer = buffer;
        this.mode = mode;
        this.memorySize = memorySize;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dimension = buffer.dimension();
        this.memory = new float[memorySize * dimension];
        this.targets = new float[batchSize * dimension];
        this.memorySlots = new int[memorySize];
        this.targetSlots = new int[batchSize];
        this.eligibleRows = new int[memorySize];
        this.inMemory = new boolean[buffer.capacity()];
    }

    /**
     * The episode of a step.
     *
     * @param step steps completed before this one (0 for the first)
     * @throws IllegalStateException if the buffer holds fewer than |M| exemplars
     */
    public Episode build(long step) {
        if (buffer.size() < memorySize) {
            throw new IllegalStateException("the replay buffer holds " + buffer.size() + " exemplars; a memory of "
                    + memorySize + " distinct ones needs more");
        }
        SplittableRandom random = RandomStreams.forStep(seed, step, RandomStreams.DATA);
        drawDistinct(random);
        for (int row = 0; row < memorySize; row++) {
            copyBinarised(memorySlots[row], memory, row * dimension, random);
        }
        int eligible = mode == EpisodeMode.SAME_CLASS ? collectEligibleRows() : 0;
        EpisodeMode used = eligible > 0 ? EpisodeMode.SAME_CLASS : EpisodeMode.RECALL;
        for (int b = 0; b < batchSize; b++) {
            if (used == EpisodeMode.SAME_CLASS) {
                String label = buffer.label(memorySlots[eligibleRows[random.nextInt(eligible)]]);
                targetSlots[b] = otherItemOf(label, random);
                copyBinarised(targetSlots[b], targets, b * dimension, random);
            } else {
                // The very same binary vector as the memory row: a perfect model finds it exactly.
                int row = random.nextInt(memorySize);
                targetSlots[b] = memorySlots[row];
                System.arraycopy(memory, row * dimension, targets, b * dimension, dimension);
            }
        }
        for (int slot : memorySlots) {
            inMemory[slot] = false;
        }
        return new Episode(
                Nd4j.create(targets, new long[] {batchSize, dimension}, DataType.FLOAT),
                Nd4j.create(memory, new long[] {memorySize, dimension}, DataType.FLOAT),
                memorySlots.clone(),
                targetSlots.clone(),
                used);
    }

    /**
     * |M| distinct slots of [0, size) in random order: Floyd's sampling, marking chosen slots in
     * {@link #inMemory}, then a shuffle, because Floyd's order favours large values late.
     */
    private void drawDistinct(SplittableRandom random) {
        int size = buffer.size();
        int n = 0;
        for (int j = size - memorySize; j < size; j++) {
            int t = random.nextInt(j + 1);
            int pick = inMemory[t] ? j : t;
            inMemory[pick] = true;
            memorySlots[n++] = pick;
        }
        for (int i = memorySize - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int swap = memorySlots[i];
            memorySlots[i] = memorySlots[k];
            memorySlots[k] = swap;
        }
    }

    /**
     * Fills {@link #eligibleRows} with the memory rows whose label has an item outside the memory;
     * drawing a target's class through them weights classes by their share of the memory.
     *
     * @return how many rows are eligible (0: the episode falls back to recall)
     */
    private int collectEligibleRows() {
        Map<String, Integer> inMemoryPerLabel = new HashMap<>();
        for (int slot : memorySlots) {
            String label = buffer.label(slot);
            if (label != null) {
                inMemoryPerLabel.merge(label, 1, Integer::sum);
            }
        }
        int eligible = 0;
        for (int row = 0; row < memorySize; row++) {
            String label = buffer.label(memorySlots[row]);
            if (label != null && buffer.countOf(label) > inMemoryPerLabel.get(label)) {
                eligibleRows[eligible++] = row;
            }
        }
        return eligible;
    }

    /** A uniformly drawn item of {@code label} that is not in the memory (one exists: see eligibility). */
    private int otherItemOf(String label, SplittableRandom random) {
        int count = buffer.countOf(label);
        while (true) {
            int slot = buffer.slotWithLabel(label, random.nextInt(count));
            if (!inMemory[slot]) {
                return slot;
            }
        }
    }

    private void copyBinarised(int slot, float[] out, int offset, SplittableRandom random) {
        buffer.read(slot, out, offset);
        for (int i = offset; i < offset + dimension; i++) {
            // nextFloat() is uniform in [0, 1): P(u < g) = g, so grey 0 never and grey 1 always gives 1.
            out[i] = random.nextFloat() < out[i] ? 1f : 0f;
        }
    }
}
