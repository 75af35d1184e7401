package org.vmastream.experiments.train;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.model.train.RandomStreams;

/**
 * The paper's "train to recall" episodes: |M| distinct training images, binarised once, form the
 * memory; the targets are rows drawn uniformly with replacement from that memory, the very same
 * binary vectors, so a perfect model finds its target and pays only log|M| nats for the address.
 */
final class RecallEpisodes implements Episodes {
    private final MnistDataset images;
    private final Binarizer binarizer;
    private final long seed;
    private final int memorySize;
    private final int batch;
    private final float[] memory;
    private final float[] targets;

    RecallEpisodes(MnistDataset images, int memorySize, int batch, Binarizer binarizer, long seed) {
        if (memorySize < 1 || memorySize > images.size()) {
            throw new IllegalArgumentException("a recall memory of " + memorySize
                    + " distinct images needs between 1 and " + images.size() + " (the training images available)");
        }
        this.images = images;
        this.binarizer = binarizer;
        this.seed = seed;
        this.memorySize = memorySize;
        this.batch = batch;
        this.memory = new float[memorySize * MnistDataset.PIXELS];
        this.targets = new float[batch * MnistDataset.PIXELS];
    }

    @Override
    public Episode draw(long step) {
        SplittableRandom random = RandomStreams.forStep(seed, step, RandomStreams.DATA);
        binarizer.binarizeBatch(images, distinct(memorySize, images.size(), random), memory, random);
        for (int b = 0; b < batch; b++) {
            int row = random.nextInt(memorySize);
            System.arraycopy(memory, row * MnistDataset.PIXELS, targets, b * MnistDataset.PIXELS, MnistDataset.PIXELS);
        }
        return new Episode(
                Nd4j.create(targets, new long[] {batch, MnistDataset.PIXELS}, DataType.FLOAT),
                Nd4j.create(memory, new long[] {memorySize, MnistDataset.PIXELS}, DataType.FLOAT));
    }

    /**
     * {@code count} distinct values of [0, bound) in random order: Floyd's sampling (no array of
     * {@code bound} values per step), then a shuffle, because Floyd's order favours large values late.
     */
    static int[] distinct(int count, int bound, SplittableRandom random) {
        Set<Integer> chosen = new HashSet<>(2 * count);
        int[] out = new int[count];
        int n = 0;
        for (int j = bound - count; j < bound; j++) {
            int t = random.nextInt(j + 1);
            int pick = chosen.add(t) ? t : j;
            chosen.add(pick);
            out[n++] = pick;
        }
        for (int i = count - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            int swap = out[i];
            out[i] = out[k];
            out[k] = swap;
        }
        return out;
    }
}
