package org.vmastream.experiments.novelty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelNearestNeighbourTest {
    @Test
    void distancesAreTheBruteForceNearestSquaredDistances() {
        int dimension = 7;
        SplittableRandom random = new SplittableRandom(4);
        float[] memory = new float[9 * dimension];
        float[] images = new float[5 * dimension];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = random.nextFloat();
        }
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        System.arraycopy(memory, 3 * dimension, images, 0, dimension);

        double[] distances = new PixelNearestNeighbour(memory, dimension).distances(images, dimension);

        assertThat(distances[0]).isCloseTo(0, within(1e-5));
        for (int e = 0; e < 5; e++) {
            double best = Double.MAX_VALUE;
            for (int m = 0; m < 9; m++) {
                double d = 0;
                for (int k = 0; k < dimension; k++) {
                    double diff = images[e * dimension + k] - memory[m * dimension + k];
                    d += diff * diff;
                }
                best = Math.min(best, d);
            }
            assertThat(distances[e]).as("image %d", e).isCloseTo(best, within(1e-4));
        }
    }
}
