package org.vmastream.datasets.episodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeShapeTest {
    @Test
    void shouldDefaultToEightClassesOfFourTargetsAndFourMemoryDrawings() {
        EpisodeShape shape = EpisodeShape.defaults();

        assertThat(shape).isEqualTo(new EpisodeShape(8, 4, 4, 0));
        assertThat(shape.memorySize()).isEqualTo(32);
        assertThat(shape.targetCount()).isEqualTo(32);
        assertThat(new EpisodeShape(3, 2, 5, 4).memorySize()).isEqualTo(35);
    }

    @Test
    void shouldRefuseCountsThatMakeNoEpisode() {
        assertThatThrownBy(() -> new EpisodeShape(0, 4, 4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes=0");
        assertThatThrownBy(() -> new EpisodeShape(8, 4, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryPerClass=0");
        assertThatThrownBy(() -> new EpisodeShape(8, 4, 4, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("confounders=-1 not negative");
    }

    @Test
    void shouldSayWhenTheDataHasTooFewClasses() {
        FakeImages images = FakeImages.uniform(2, 3, 20);

        assertThatThrownBy(() -> new EpisodeShape(5, 4, 4, 2).checkFits(images))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an episode of 5 classes and 2 confounders needs 7 classes, but the data has 6");
        assertThatCode(() -> new EpisodeShape(4, 4, 4, 2).checkFits(images)).doesNotThrowAnyException();
    }

    @Test
    void shouldSayWhichClassHasTooFewDrawings() {
        FakeImages images = new FakeImages(new String[] {"a", "a", "b"}, new int[] {20, 20, 7});

        assertThatThrownBy(() -> new EpisodeShape(1, 4, 4, 0).checkFits(images))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("4 targets and 4 memory drawings per class need 8 drawings of every class, but class2"
                        + " has 7");
        assertThatCode(() -> new EpisodeShape(1, 3, 4, 0).checkFits(images)).doesNotThrowAnyException();
    }
}
