package org.vmastream.experiments.novelty;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The simplest novelty baseline: the squared Euclidean distance, in pixel space, from an image to
 * its nearest memory exemplar. Computed as ||x||^2 - 2 x.m + ||m||^2 in one matrix product.
 */
public final class PixelNearestNeighbour {
    private final INDArray memory;
    private final INDArray memoryNorms;

    /** @param memory exemplars, |M| x D */
    public PixelNearestNeighbour(float[] memory, int dimension) {
        this.memory = Nd4j.create(memory, new long[] {memory.length / dimension, dimension}, 'c')
                .castTo(DataType.FLOAT);
        this.memoryNorms = this.memory.mul(this.memory).sum(1);
    }

    /** Distance of every row of {@code images} (N x D) to its nearest exemplar. */
    public double[] distances(float[] images, int dimension) {
        INDArray x = Nd4j.create(images, new long[] {images.length / dimension, dimension}, 'c');
        INDArray cross = x.mmul(memory.transpose()).muli(-2).addiRowVector(memoryNorms);
        double[] nearest = cross.min(1).toDoubleVector();
        double[] norms = x.mul(x).sum(1).toDoubleVector();
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] += norms[i];
        }
        return nearest;
    }
}
