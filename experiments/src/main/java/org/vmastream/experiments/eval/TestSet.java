package org.vmastream.experiments.eval;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.experiments.train.Preset;

/**
 * Binarised test targets and, for exemplar models, the memory they are scored against. For the
 * recall preset this is the paper's test: the first |M| test images are the memory and also the
 * targets, or, with novel targets, the memory and the images after it, none of which is in memory;
 * the other presets score test images against the model's own memory (or none).
 */
public final class TestSet {
    private final float[] targets;
    private final int count;
    private final INDArray exemplars;
    private final boolean targetsInMemory;

    private TestSet(float[] targets, int count, INDArray exemplars, boolean targetsInMemory) {
        this.targets = targets;
        this.count = count;
        this.exemplars = exemplars;
        this.targetsInMemory = targetsInMemory;
    }

    /**
     * @param preset     the model's preset
     * @param images     test images
     * @param memorySize exemplars in memory (recall only)
     * @param novel      recall only: targets are the test images after the memory instead of the memory itself
     * @param limit      at most this many targets
     * @param binarizer  how test images become binary
     * @param random     for dynamic binarisation (unused by fixed)
     * @throws IllegalArgumentException if there are fewer test images than the memory needs
     */
    public static TestSet of(
            Preset preset,
            MnistDataset images,
            int memorySize,
            boolean novel,
            int limit,
            Binarizer binarizer,
            RandomGenerator random) {
        if (preset == Preset.RECALL) {
            int available = novel ? images.size() - 1 : images.size();
            if (memorySize < 1 || memorySize > available) {
                throw new IllegalArgumentException("a test memory of " + memorySize + " images needs between 1 and "
                        + available + " (the test images available)");
            }
            int count = Math.min(limit, novel ? images.size() - memorySize : memorySize);
            float[] all = binarise(images, novel ? memorySize + count : memorySize, binarizer, random);
            float[] memory = Arrays.copyOf(all, memorySize * MnistDataset.PIXELS);
            INDArray exemplars = Nd4j.create(memory, new long[] {memorySize, MnistDataset.PIXELS}, DataType.FLOAT);
            float[] targets = novel ? Arrays.copyOfRange(all, memory.length, all.length) : memory;
            return new TestSet(targets, count, exemplars, !novel);
        }
        int count = Math.min(limit, images.size());
        return new TestSet(binarise(images, count, binarizer, random), count, null, false);
    }

    private static float[] binarise(MnistDataset images, int count, Binarizer binarizer, RandomGenerator random) {
        float[] pixels = new float[count * MnistDataset.PIXELS];
        binarizer.binarizeBatch(images, IntStream.range(0, count).toArray(), pixels, random);
        return pixels;
    }

    /** Number of targets. */
    public int size() {
        return count;
    }

    /** The memory's exemplar rows, or null when the model's memory is a parameter or absent. */
    public INDArray exemplars() {
        return exemplars;
    }

    /** The memory row holding target {@code i} itself (recall without novel targets), or -1. */
    public int ownEntry(int i) {
        return targetsInMemory ? i : -1;
    }

    /** Targets {@code from} (inclusive) to {@code to} (exclusive) as a new (to - from) x 784 array. */
    public INDArray targets(int from, int to) {
        float[] rows = Arrays.copyOfRange(targets, from * MnistDataset.PIXELS, to * MnistDataset.PIXELS);
        return Nd4j.create(rows, new long[] {to - from, MnistDataset.PIXELS}, DataType.FLOAT);
    }
}
