package org.vmastream.experiments.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryPerClassTest {
    @Test
    void aRangeIsDrawnUniformlyWithinItsBounds() {
        MemoryPerClass range = MemoryPerClass.parse("1-8");
        SplittableRandom random = new SplittableRandom(1);
        int[] draws = IntStream.range(0, 4000).map(i -> range.draw(random)).toArray();

        assertThat(IntStream.of(draws).min().orElseThrow()).isEqualTo(1);
        assertThat(IntStream.of(draws).max().orElseThrow()).isEqualTo(8);
        assertThat(IntStream.of(draws).distinct().count()).isEqualTo(8);
        assertThat(IntStream.of(draws).average().orElseThrow()).isBetween(4.3, 4.7);
        assertThat(MemoryPerClass.parse("4").draw(random)).isEqualTo(4);
    }

    @Test
    void refusesWhatIsNotACountOrRange() {
        assertThatThrownBy(() -> MemoryPerClass.parse("many")).hasMessageContaining("'many'");
        assertThatThrownBy(() -> MemoryPerClass.parse("5-2")).hasMessageContaining("1 <= min <= max");
        assertThatThrownBy(() -> MemoryPerClass.parse("0")).hasMessageContaining("got 0-0");
        assertThatThrownBy(() -> IntList.parse("1,zero", "--classes")).hasMessageContaining("--classes");
        assertThat(IntList.parse("1, 2,all", "--classes")).containsExactly(1, 2, Integer.MAX_VALUE);
    }
}
