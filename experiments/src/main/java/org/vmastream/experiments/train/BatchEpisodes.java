package org.vmastream.experiments.train;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.model.train.RandomStreams;

/**
 * Episodes of the learned-memory and VAE presets: a batch of training images drawn uniformly with
 * replacement and binarised; no exemplars. Drawing with replacement rather than by epochs keeps
 * each step's data a function of (seed, step) alone.
 */
final class BatchEpisodes implements Episodes {
    private final MnistDataset images;
    private final Binarizer binarizer;
    private final long seed;
    private final int[] indices;
    private final float[] pixels;

    BatchEpisodes(MnistDataset images, int batch, Binarizer binarizer, long seed) {
        this.images = images;
        this.binarizer = binarizer;
        this.seed = seed;
        this.indices = new int[batch];
        this.pixels = new float[batch * MnistDataset.PIXELS];
    }

    @Override
    public Episode draw(long step) {
        SplittableRandom random = RandomStreams.forStep(seed, step, RandomStreams.DATA);
        for (int i = 0; i < indices.length; i++) {
            indices[i] = random.nextInt(images.size());
        }
        binarizer.binarizeBatch(images, indices, pixels, random);
        return new Episode(Nd4j.create(pixels, new long[] {indices.length, MnistDataset.PIXELS}, DataType.FLOAT), null);
    }
}
