package org.vmastream.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinarizerTest {

    private final Binarizer fixed = new Binarizer(Binarization.FIXED);
    private final Binarizer dynamic = new Binarizer(Binarization.DYNAMIC);

    @Test
    void shouldThresholdFixedBinarisationStrictlyAboveOneHalf() {
        float[] grey = {0f, 0.25f, 0.5f, Math.nextUp(0.5f), 0.75f, 1f};
        float[] out = new float[grey.length + 1];

        fixed.binarize(grey, 0, grey.length, out, 1, null);

        assertThat(out).containsExactly(0f, 0f, 0f, 0f, 1f, 1f, 1f);
    }

    @Test
    void shouldGiveSameFixedBinarisationEveryTime() {
        float[] grey = randomGrey(1000, new SplittableRandom(1));
        float[] first = new float[grey.length];
        float[] second = new float[grey.length];

        fixed.binarize(grey, 0, grey.length, first, 0, new SplittableRandom(2));
        fixed.binarize(grey, 0, grey.length, second, 0, new SplittableRandom(3));

        assertThat(second).containsExactly(first);
    }

    /**
     * With n = 200,000 draws the mean of Bernoulli(p) has standard deviation sqrt(p(1-p)/n) <= 0.0012, so a
     * tolerance of 0.006 is 5 standard deviations: a correct implementation essentially never fails.
     */
    @Test
    void shouldDrawDynamicPixelsWithMeanApproachingTheGreyLevel() {
        int n = 200_000;
        SplittableRandom rng = new SplittableRandom(42);
        for (float p : new float[] {0.05f, 0.3f, 0.5f, 0.77f, 0.95f}) {
            float[] grey = new float[n];
            Arrays.fill(grey, p);
            float[] out = new float[n];

            dynamic.binarize(grey, 0, n, out, 0, rng);

            double mean = 0;
            for (float v : out) {
                assertThat(v).isIn(0f, 1f);
                mean += v;
            }
            assertThat(mean / n).as("mean of Bernoulli(%s)", p).isCloseTo(p, within(0.006));
        }
    }

    @Test
    void shouldDrawDynamicZeroAndOneGreyLevelsExactly() {
        float[] grey = new float[2000];
        Arrays.fill(grey, 1000, 2000, 1f);
        float[] out = new float[grey.length];

        dynamic.binarize(grey, 0, grey.length, out, 0, new SplittableRandom(7));

        assertThat(Arrays.copyOfRange(out, 0, 1000)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(out, 1000, 2000)).containsOnly(1f);
    }

    @Test
    void shouldReproduceDynamicBinarisationFromTheSameSeed() {
        float[] grey = randomGrey(5000, new SplittableRandom(1));
        float[] first = new float[grey.length];
        float[] second = new float[grey.length];

        dynamic.binarize(grey, 0, grey.length, first, 0, new SplittableRandom(99));
        dynamic.binarize(grey, 0, grey.length, second, 0, new SplittableRandom(99));

        assertThat(second).containsExactly(first);
    }

    @Test
    void shouldDrawFreshDynamicPixelsOnEachCall() {
        float[] grey = new float[5000];
        Arrays.fill(grey, 0.5f);
        float[] first = new float[grey.length];
        float[] second = new float[grey.length];
        SplittableRandom rng = new SplittableRandom(5);

        dynamic.binarize(grey, 0, grey.length, first, 0, rng);
        dynamic.binarize(grey, 0, grey.length, second, 0, rng);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void shouldFillBatchWithSelectedImagesInIndexOrder() {
        float[] grey = new float[3 * MnistDataset.PIXELS];
        Arrays.fill(grey, MnistDataset.PIXELS, 2 * MnistDataset.PIXELS, 0.9f); // only image 1 is bright
        MnistDataset data = MnistDataset.of(grey, new int[] {0, 1, 2});
        float[] batch = new float[2 * MnistDataset.PIXELS];

        fixed.binarizeBatch(data, new int[] {1, 2}, batch, null);

        assertThat(Arrays.copyOfRange(batch, 0, MnistDataset.PIXELS)).containsOnly(1f);
        assertThat(Arrays.copyOfRange(batch, MnistDataset.PIXELS, batch.length)).containsOnly(0f);
    }

    private static float[] randomGrey(int n, SplittableRandom rng) {
        float[] grey = new float[n];
        for (int i = 0; i < n; i++) {
            grey[i] = rng.nextFloat();
        }
        return grey;
    }
}
