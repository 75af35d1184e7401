package org.vmastream.trainer.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmastream.trainer.TestExemplars;
import org.vmastream.trainer.replay.ReplayBuffer;

class EpisodeBuilderTest {
    private static final int DIM = 12;

    @Test
    void shouldDrawSameClassTargetsFromOtherItemsOfTheClassesInMemory() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(1), 60, 6);
        EpisodeBuilder builder = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 16, 3);

        for (long step = 0; step < 25; step++) {
            Episode episode = builder.build(step);
            Set<String> memoryLabels = new HashSet<>();
            for (int slot : episode.memorySlots()) {
                memoryLabels.add(buffer.label(slot));
            }
            assertThat(episode.mode()).isEqualTo(EpisodeMode.SAME_CLASS);
            for (int slot : episode.targetSlots()) {
                assertThat(memoryLabels).contains(buffer.label(slot));
                assertThat(episode.memorySlots()).doesNotContain(slot);
            }
        }
    }

    @Test
    void shouldDrawRecallTargetsFromTheMemoryRowsThemselves() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(2), 40, 4);
        EpisodeBuilder builder = new EpisodeBuilder(buffer, EpisodeMode.RECALL, 8, 16, 3);

        for (long step = 0; step < 10; step++) {
            Episode episode = builder.build(step);
            float[][] memory = episode.memory().toFloatMatrix();
            float[][] targets = episode.targets().toFloatMatrix();
            assertThat(episode.mode()).isEqualTo(EpisodeMode.RECALL);
            for (int b = 0; b < targets.length; b++) {
                int row = indexOf(episode.memorySlots(), episode.targetSlots()[b]);
                assertThat(row).isNotNegative();
                assertThat(targets[b]).containsExactly(memory[row]);
            }
        }
    }

    @Test
    void shouldFallBackToRecallWithoutLabels() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(50, DIM);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 30; i++) {
            buffer.add(TestExemplars.uniform("u" + i, null, DIM, (float) random.nextDouble()));
        }

        Episode episode = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 4, 3).build(0);

        assertThat(episode.mode()).isEqualTo(EpisodeMode.RECALL);
        for (int slot : episode.targetSlots()) {
            assertThat(episode.memorySlots()).contains(slot);
        }
    }

    @Test
    void shouldFallBackToRecallWhenEveryItemOfTheMemorysClassesIsInMemory() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(4), 8, 3);

        Episode episode = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 4, 3).build(0);

        assertThat(episode.mode()).isEqualTo(EpisodeMode.RECALL);
    }

    @Test
    void shouldDrawTheSameEpisodeForTheSameSeedAndStep() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(5), 60, 6);
        EpisodeBuilder one = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 16, 11);
        EpisodeBuilder other = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 16, 11);

        Episode first = one.build(7);
        one.build(8); // reused arrays must not leak into earlier or later episodes
        Episode again = other.build(7);
        Episode next = one.build(8);

        assertThat(again.memorySlots()).containsExactly(first.memorySlots());
        assertThat(again.targetSlots()).containsExactly(first.targetSlots());
        assertThat(again.memory().ravel().toFloatVector())
                .containsExactly(first.memory().ravel().toFloatVector());
        assertThat(again.targets().ravel().toFloatVector())
                .containsExactly(first.targets().ravel().toFloatVector());
        assertThat(next.memorySlots()).isNotEqualTo(first.memorySlots());
        Episode otherSeed = new EpisodeBuilder(buffer, EpisodeMode.SAME_CLASS, 8, 16, 12).build(7);
        assertThat(otherSeed.memorySlots()).isNotEqualTo(first.memorySlots());
    }

    @Test
    void shouldFillMemoryWithDistinctItems() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(6), 20, 4);
        EpisodeBuilder part = new EpisodeBuilder(buffer, EpisodeMode.RECALL, 12, 4, 1);
        EpisodeBuilder whole = new EpisodeBuilder(buffer, EpisodeMode.RECALL, 20, 4, 1);

        for (long step = 0; step < 50; step++) {
            assertThat(Arrays.stream(part.build(step).memorySlots()).distinct().count())
                    .isEqualTo(12);
            assertThat(whole.build(step).memorySlots())
                    .containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        }
    }

    @Test
    void shouldBinariseGreyLevelsAnewForEveryStep() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(10, 256);
        buffer.add(TestExemplars.uniform("black", "a", 256, 0f));
        buffer.add(TestExemplars.uniform("white", "a", 256, 1f));
        for (int i = 0; i < 6; i++) {
            buffer.add(TestExemplars.uniform("grey" + i, "b", 256, 0.3f));
        }
        EpisodeBuilder builder = new EpisodeBuilder(buffer, EpisodeMode.RECALL, 8, 1, 9);

        Episode first = builder.build(0);
        Episode second = builder.build(1);

        float[][] rows = first.memory().toFloatMatrix();
        double greySum = 0;
        for (int row = 0; row < rows.length; row++) {
            int slot = first.memorySlots()[row];
            for (float value : rows[row]) {
                assertThat(value).isIn(0f, 1f);
                if (slot == 0) {
                    assertThat(value).isZero();
                } else if (slot == 1) {
                    assertThat(value).isOne();
                } else {
                    greySum += value;
                }
            }
        }
        assertThat(greySum / (6 * 256)).isBetween(0.25, 0.35);
        int greySlot = 2;
        assertThat(rowOfSlot(first, greySlot)).isNotEqualTo(rowOfSlot(second, greySlot));
    }

    @Test
    void shouldRefuseABufferTooSmallForTheMemory() {
        ReplayBuffer buffer = labelledBuffer(new SplittableRandom(7), 5, 2);
        EpisodeBuilder builder = new EpisodeBuilder(buffer, EpisodeMode.RECALL, 8, 2, 1);

        assertThatThrownBy(() -> builder.build(0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 5 exemplars");
    }

    private static ReplayBuffer labelledBuffer(SplittableRandom random, int count, int classes) {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(100, DIM);
        TestExemplars.patterns(random, count, classes, DIM).forEach(buffer::add);
        return buffer;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static float[] rowOfSlot(Episode episode, int slot) {
        return episode.memory().toFloatMatrix()[indexOf(episode.memorySlots(), slot)];
    }
}
