package org.vmastream.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class MnistDatasetTest {

    /** Image i has every pixel equal to i / 10. */
    private static MnistDataset dataset(int... labels) {
        float[] grey = new float[labels.length * MnistDataset.PIXELS];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (i / MnistDataset.PIXELS) / 10f;
        }
        return MnistDataset.of(grey, labels);
    }

    @Test
    void shouldCopyOneImageIntoTheGivenSliceOnly() {
        MnistDataset data = dataset(4, 7, 1);
        float[] dest = new float[MnistDataset.PIXELS + 2];

        data.image(2, dest, 1);

        assertThat(dest[0]).isZero();
        assertThat(dest[1]).isEqualTo(0.2f);
        assertThat(dest[MnistDataset.PIXELS]).isEqualTo(0.2f);
        assertThat(dest[MnistDataset.PIXELS + 1]).isZero();
    }

    @Test
    void shouldBuildSubsetInGivenOrderWithRepeats() {
        MnistDataset subset = dataset(4, 7, 1).subset(new int[] {2, 0, 2});

        assertThat(subset.labels()).containsExactly(1, 4, 1);
        assertThat(subset.pixels().get(MnistDataset.PIXELS)).isZero();
        assertThat(subset.pixels().get(2 * MnistDataset.PIXELS)).isEqualTo(0.2f);
    }

    @Test
    void shouldKeepOnlyRequestedDigitsInOriginalOrder() {
        MnistDataset filtered = dataset(4, 7, 1, 7, 4).filterLabels(7, 1);

        assertThat(filtered.labels()).containsExactly(7, 1, 7);
        assertThat(filtered.pixels().get(0)).isEqualTo(0.1f);
    }

    @Test
    void shouldCountImagesPerDigit() {
        assertThat(dataset(4, 7, 1, 7).labelCounts()).containsExactly(0, 1, 0, 0, 1, 0, 0, 2, 0, 0);
    }

    @Test
    void shouldNotLetCallersModifyTheData() {
        float[] grey = new float[MnistDataset.PIXELS];
        int[] labels = {3};
        MnistDataset data = MnistDataset.of(grey, labels);
        grey[0] = 1f;
        labels[0] = 5;
        data.labels()[0] = 6;
        FloatBuffer pixels = data.pixels();

        assertThat(data.pixels().get(0)).isZero();
        assertThat(data.label(0)).isEqualTo(3);
        assertThatThrownBy(() -> pixels.put(0, 1f)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void shouldRefuseGreyLevelOutsideUnitInterval() {
        float[] grey = new float[MnistDataset.PIXELS];
        grey[5] = 1.5f;

        assertThatThrownBy(() -> MnistDataset.of(grey, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Grey level 1.5 at index 5 is outside [0,1]");
    }

    @Test
    void shouldRefuseLabelOutsideDigitRange() {
        assertThatThrownBy(() -> MnistDataset.of(new float[MnistDataset.PIXELS], new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Label -1 at index 0 is outside 0..9");
    }

    @Test
    void shouldRefusePixelCountThatDoesNotMatchLabelCount() {
        assertThatThrownBy(() -> MnistDataset.of(new float[MnistDataset.PIXELS], new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected 2 * 784 grey levels, got 784");
    }
}
