package org.vmastream.datasets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxPoolTest {
    private static GreyImage inkAt(int size, int... rowColPairs) {
        float[] values = new float[size * size];
        for (int i = 0; i < rowColPairs.length; i += 2) {
            values[rowColPairs[i] * size + rowColPairs[i + 1]] = 1f;
        }
        return new GreyImage(size, size, values);
    }

    @Test
    void shouldPoolEachBlockToItsLargestValue() {
        GreyImage image = new GreyImage(4, 4, new float[] {
            0.1f, 0.2f, 0.0f, 0.0f,
            0.4f, 0.3f, 0.0f, 0.9f,
            0.0f, 0.0f, 0.5f, 0.5f,
            0.0f, 0.7f, 0.5f, 0.5f
        });

        GreyImage pooled = MaxPool.pool(image, 2);

        assertThat(pooled.shape()).containsExactly(2, 2);
        assertThat(pooled.values()).containsExactly(0.4f, 0.9f, 0.7f, 0.5f);
    }

    @Test
    void shouldPoolOmniglotSizeTo26FromTheTopLeft104Pixels() {
        GreyImage pooled = MaxPool.pool(inkAt(105, 0, 0, 41, 10, 103, 103, 104, 50, 50, 104), 4);

        assertThat(pooled.shape()).containsExactly(26, 26);
        assertThat(pooled.at(0, 0)).isEqualTo(1f);
        assertThat(pooled.at(10, 2)).isEqualTo(1f);
        assertThat(pooled.at(25, 25)).isEqualTo(1f);
        // Row and column 104 lie past the last whole block.
        assertThat(pooled.values()).containsOnly(0f, 1f);
        double sum = 0;
        for (float v : pooled.values()) {
            sum += v;
        }
        assertThat(sum).isEqualTo(3);
    }

    @Test
    void shouldRefuseBlocksLargerThanTheImage() {
        assertThatThrownBy(() -> MaxPool.pool(inkAt(3), 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
