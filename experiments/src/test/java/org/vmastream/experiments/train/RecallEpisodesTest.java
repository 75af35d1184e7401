package org.vmastream.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.datasets.mnist.Binarizer;
import org.vmastream.experiments.data.SyntheticData;

class RecallEpisodesTest {

    @Test
    void distinctDrawsEveryValueOnceWhenAskedForAll() {
        int[] all = RecallEpisodes.distinct(50, 50, new SplittableRandom(41));
        assertThat(Arrays.stream(all).sorted().toArray())
                .isEqualTo(IntStream.range(0, 50).toArray());
    }

    @Test
    void distinctValuesAreDistinctAndInRange() {
        int[] some = RecallEpisodes.distinct(200, 1000, new SplittableRandom(42));
        Set<Integer> seen = new HashSet<>();
        Arrays.stream(some).forEach(seen::add);
        assertThat(seen).hasSize(200).allMatch(v -> v >= 0 && v < 1000);
    }

    @Test
    void targetsAreRowsOfTheMemoryAndAStepAlwaysDrawsTheSameEpisode() {
        SyntheticData data = new SyntheticData(43, 100, 1);
        RecallEpisodes episodes =
                new RecallEpisodes(data.trainImages(), 12, 6, new Binarizer(Binarization.DYNAMIC), 43);

        Episode first = episodes.draw(5);
        float[][] memory = first.exemplars().toFloatMatrix();
        float[][] targets = first.targets().toFloatMatrix();
        float[][] again = episodes.draw(5).targets().toFloatMatrix();
        INDArray other = episodes.draw(6).exemplars();

        assertThat(memory).hasNumberOfRows(12);
        for (float[] target : targets) {
            assertThat(Arrays.stream(memory).anyMatch(row -> Arrays.equals(row, target)))
                    .isTrue();
        }
        assertThat(again).isDeepEqualTo(targets);
        assertThat(other.toFloatMatrix()).isNotEqualTo(memory);
    }

    @Test
    void aMemoryLargerThanTheDataIsRefused() {
        SyntheticData data = new SyntheticData(44, 10, 1);
        assertThatThrownBy(() -> new RecallEpisodes(data.trainImages(), 11, 4, new Binarizer(Binarization.FIXED), 44))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 distinct images");
    }
}
