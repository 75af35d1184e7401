package org.vmastream.datasets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AreaResizeTest {
    private static double mean(GreyImage image) {
        double sum = 0;
        for (float v : image.values()) {
            sum += v;
        }
        return sum / image.values().length;
    }

    @Test
    void shouldAverageWholeBlocksWhenTheScaleIsAnInteger() {
        GreyImage image = new GreyImage(2, 4, new float[] {1, 0, 0.5f, 0.5f, 1, 0, 0, 1});

        assertThat(AreaResize.resize(image, 1, 2).values()).containsExactly(0.5f, 0.5f);
    }

    @Test
    void shouldKeepTheMeanWhenShrinking105To28() {
        SplittableRandom random = new SplittableRandom(3);
        float[] values = new float[105 * 105];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.1 ? 1f : 0f;
        }
        GreyImage image = new GreyImage(105, 105, values);

        GreyImage resized = AreaResize.resize(image, 28, 28);

        assertThat(resized.shape()).containsExactly(28, 28);
        assertThat(mean(resized)).isCloseTo(mean(image), within(1e-6));
        for (float v : resized.values()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void shouldWeighAStraddlingPixelByTheFractionInside() {
        // 3 -> 2: output cell 0 covers input 0 and half of input 1.
        GreyImage image = new GreyImage(1, 3, new float[] {0, 1, 0});

        GreyImage resized = AreaResize.resize(image, 1, 2);

        assertThat(resized.values()).containsExactly(new float[] {1 / 3f, 1 / 3f}, within(1e-6f));
    }
}
