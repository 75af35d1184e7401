package org.vmastream.experiments.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.datasets.mnist.MnistDataset;
import org.vmastream.experiments.train.Preset;

/** Which test images become memory and which become targets. */
class TestSetTest {

    @Test
    void shouldScoreTheMemoryItselfForRecall() {
        TestSet set = TestSet.of(
                Preset.RECALL, images(10), 4, false, 100, new Binarizer(Binarization.FIXED), new SplittableRandom(1));
        assertThat(set.size()).isEqualTo(4);
        assertThat(set.targets(0, 4).ravel().toFloatVector())
                .containsExactly(set.exemplars().ravel().toFloatVector());
    }

    @Test
    void shouldScoreOnlyImagesOutsideMemoryForNovelTargets() {
        TestSet set = TestSet.of(
                Preset.RECALL, images(10), 4, true, 100, new Binarizer(Binarization.FIXED), new SplittableRandom(1));
        assertThat(set.size()).isEqualTo(6);
        assertThat(set.exemplars().rows()).isEqualTo(4);
        // Image i is all ones in pixel i only, so rows tell which image they are.
        for (int t = 0; t < 6; t++) {
            assertThat(set.targets(t, t + 1).getFloat(0, 4 + t)).isEqualTo(1f);
        }
    }

    private static MnistDataset images(int count) {
        float[] grey = new float[count * MnistDataset.PIXELS];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            grey[i * MnistDataset.PIXELS + i] = 1f;
        }
        return MnistDataset.of(grey, labels);
    }
}
