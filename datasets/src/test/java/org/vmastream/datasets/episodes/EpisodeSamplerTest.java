package org.vmastream.datasets.episodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Episodes over {@link FakeImages}, whose values are {@code {class, drawing}}. */
class EpisodeSamplerTest {
    private static final FakeImages IMAGES = FakeImages.uniform(6, 5, 20);

    /** {class, drawing} of row {@code i}, checking that the values are the class the episode says. */
    private static int[] row(float[] values, int[] classes, int i) {
        int cls = (int) values[2 * i];
        assertThat(cls).isEqualTo(classes[i]);
        return new int[] {cls, (int) values[2 * i + 1]};
    }

    private static Set<Integer> distinct(int[] values) {
        Set<Integer> set = new HashSet<>();
        for (int value : values) {
            set.add(value);
        }
        return set;
    }

    @Test
    void shouldDrawTheShapeAsked() {
        Episode episode = new EpisodeSampler(IMAGES, 1).sample(EpisodeShape.defaults());

        assertThat(episode.dimension()).isEqualTo(2);
        assertThat(episode.targetCount()).isEqualTo(32);
        assertThat(episode.memorySize()).isEqualTo(32);
        assertThat(episode.targets()).hasSize(64);
        assertThat(episode.memory()).hasSize(64);
        assertThat(distinct(episode.targetClass())).hasSize(8).isEqualTo(distinct(episode.memoryClass()));
        for (int cls : distinct(episode.targetClass())) {
            assertThat(Arrays.stream(episode.targetClass())
                            .filter(c -> c == cls)
                            .count())
                    .isEqualTo(4);
            assertThat(Arrays.stream(episode.memoryClass())
                            .filter(c -> c == cls)
                            .count())
                    .isEqualTo(4);
        }
    }

    @Test
    void shouldNeverUseADrawingTwiceInAnEpisode() {
        EpisodeSampler sampler = new EpisodeSampler(IMAGES, 2);
        for (int n = 0; n < 200; n++) {
            Episode episode = sampler.sample(new EpisodeShape(6, 8, 10, 3));
            Set<List<Integer>> drawings = new HashSet<>();
            for (int i = 0; i < episode.targetCount(); i++) {
                int[] drawing = row(episode.targets(), episode.targetClass(), i);
                assertThat(drawings.add(List.of(drawing[0], drawing[1])))
                        .as("target %s", drawings)
                        .isTrue();
            }
            for (int i = 0; i < episode.memorySize(); i++) {
                int[] drawing = row(episode.memory(), episode.memoryClass(), i);
                assertThat(drawings.add(List.of(drawing[0], drawing[1])))
                        .as("memory drawing %s is also a target or in memory twice", Arrays.toString(drawing))
                        .isTrue();
            }
        }
    }

    @Test
    void shouldPutConfoundersInMemoryOnly() {
        Episode episode = new EpisodeSampler(IMAGES, 3).sample(new EpisodeShape(3, 2, 5, 4));

        Set<Integer> targetClasses = distinct(episode.targetClass());
        Set<Integer> confounders = distinct(episode.memoryClass());
        confounders.removeAll(targetClasses);
        assertThat(targetClasses).hasSize(3);
        assertThat(confounders).hasSize(4);
        assertThat(episode.targetCount()).isEqualTo(6);
        assertThat(episode.memorySize()).isEqualTo(35);
        for (int cls : confounders) {
            assertThat(Arrays.stream(episode.memoryClass())
                            .filter(c -> c == cls)
                            .count())
                    .isEqualTo(5);
        }
    }

    @Test
    void shouldDrawTheSameEpisodesForTheSameSeed() {
        EpisodeSampler first = new EpisodeSampler(IMAGES, 42);
        EpisodeSampler second = new EpisodeSampler(IMAGES, 42);
        EpisodeSampler other = new EpisodeSampler(IMAGES, 43);
        boolean differs = false;
        for (int n = 0; n < 5; n++) {
            EpisodeShape shape = new EpisodeShape(4, 2, 3, 1);
            Episode a = first.sample(shape);
            Episode b = second.sample(shape);
            Episode c = other.sample(shape);
            assertThat(b.memory()).isEqualTo(a.memory());
            assertThat(b.memoryClass()).isEqualTo(a.memoryClass());
            assertThat(b.targets()).isEqualTo(a.targets());
            assertThat(b.targetClass()).isEqualTo(a.targetClass());
            differs |= !Arrays.equals(c.memory(), a.memory());
        }
        assertThat(differs).as("another seed draws other episodes").isTrue();
    }

    @Test
    void shouldShuffleTheMemorySoThatPositionsDoNotGiveClassesAway() {
        EpisodeSampler sampler = new EpisodeSampler(IMAGES, 4);
        int firstIsFirstTargetClass = 0;
        int episodes = 2000;
        for (int n = 0; n < episodes; n++) {
            Episode episode = sampler.sample(new EpisodeShape(4, 1, 4, 0));
            if (episode.memoryClass()[0] == episode.targetClass()[0]) {
                firstIsFirstTargetClass++;
            }
        }
        assertThat(firstIsFirstTargetClass / (double) episodes).isCloseTo(0.25, within(0.04));
    }

    @Test
    void shouldPickAGroupUniformlyWhateverItsSize() {
        // One group of 30 classes and two of one class each: each group should come up a third of the time.
        String[] groups = new String[32];
        Arrays.fill(groups, "big");
        groups[30] = "small1";
        groups[31] = "small2";
        int[] drawings = new int[32];
        Arrays.fill(drawings, 2);
        FakeImages images = new FakeImages(groups, drawings);
        EpisodeSampler sampler = new EpisodeSampler(images, 5);
        Map<String, Integer> counts = new HashMap<>();
        int episodes = 3000;
        for (int n = 0; n < episodes; n++) {
            int cls = sampler.sample(new EpisodeShape(1, 1, 1, 0)).targetClass()[0];
            counts.merge(images.group(cls), 1, Integer::sum);
        }
        for (String group : List.of("big", "small1", "small2")) {
            assertThat(counts.get(group) / (double) episodes).as(group).isCloseTo(1 / 3.0, within(0.04));
        }
    }

    @Test
    void shouldUseEveryGroupOverManyEpisodes() {
        String[] groups = new String[40];
        for (int cls = 0; cls < groups.length; cls++) {
            // Uneven groups: g0 has 1 class, g1 2, g2 3, ... g8 has 4 left over.
            groups[cls] = "g" + (int) ((Math.sqrt(8 * cls + 1) - 1) / 2);
        }
        int[] drawings = new int[40];
        Arrays.fill(drawings, 8);
        FakeImages images = new FakeImages(groups, drawings);
        EpisodeSampler sampler = new EpisodeSampler(images, 6);
        Set<String> used = new HashSet<>();
        List<Integer> groupsPerEpisode = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            Episode episode = sampler.sample(EpisodeShape.defaults());
            Set<String> inEpisode = new HashSet<>();
            for (int cls : episode.targetClass()) {
                inEpisode.add(images.group(cls));
            }
            used.addAll(inEpisode);
            groupsPerEpisode.add(inEpisode.size());
        }
        assertThat(used).containsExactlyInAnyOrder("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8");
        assertThat(groupsPerEpisode.stream()
                        .mapToInt(Integer::intValue)
                        .average()
                        .orElseThrow())
                .as("8 classes spread over several of the 9 groups")
                .isGreaterThan(5);
    }

    @Test
    void shouldDrawAnEpisodeOfGivenClassesWithTargetsInTheirOrder() {
        Episode episode = new EpisodeSampler(IMAGES, 7).fromClasses(new int[] {9, 2}, 3, 2, new int[] {17});

        assertThat(episode.targetClass()).containsExactly(9, 9, 9, 2, 2, 2);
        assertThat(episode.memoryClass()).hasSize(6).containsOnly(9, 2, 17);
        assertThat(Arrays.stream(episode.memoryClass()).filter(c -> c == 17).count())
                .isEqualTo(2);
    }

    @Test
    void shouldRefuseClassesThatCannotMakeTheEpisode() {
        FakeImages images = new FakeImages(new String[] {"a", "a", "b"}, new int[] {20, 20, 3});
        EpisodeSampler sampler = new EpisodeSampler(images, 8);

        assertThatThrownBy(() -> sampler.fromClasses(new int[] {0, 3}, 1, 1, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 3 is not in 0..2");
        assertThatThrownBy(() -> sampler.fromClasses(new int[] {0, 1}, 1, 1, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 0 (class0) is in the episode twice");
        assertThatThrownBy(() -> sampler.fromClasses(new int[] {2}, 2, 2, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 2 (class2) has 3 drawings, fewer than the 4 the episode needs");
        assertThatThrownBy(() -> sampler.fromClasses(new int[0], 1, 1, new int[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes=0");
        assertThatThrownBy(() -> sampler.sample(new EpisodeShape(2, 2, 2, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but class2 has 3");
    }

    @Test
    void shouldLetAConfounderWithFewDrawingsFillMemoryOnly() {
        FakeImages images = new FakeImages(new String[] {"a", "b"}, new int[] {20, 3});

        Episode episode = new EpisodeSampler(images, 9).fromClasses(new int[] {0}, 4, 3, new int[] {1});

        assertThat(episode.memorySize()).isEqualTo(6);
    }

    @Test
    void shouldRefuseAnEpisodeWhoseArraysDisagree() {
        assertThatThrownBy(() -> new Episode(new float[4], new int[] {0, 1}, new float[3], new int[] {0}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot hold 4 memory and 3 target values");
    }
}
