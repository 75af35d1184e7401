package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigitSetTest {
    private static int[] members(DigitSet set) {
        return IntStream.range(0, 10).filter(set::contains).toArray();
    }

    @Test
    void shouldReadRangesAndLists() {
        assertThat(members(DigitSet.parse("0-8"))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(members(DigitSet.parse("1, 3,5-7"))).containsExactly(1, 3, 5, 6, 7);
        assertThat(members(DigitSet.parse("9"))).containsExactly(9);
        assertThat(members(DigitSet.all())).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "a", "8-2", "1-2-3", "1,,2", "-1"})
    void shouldRefuseWhatIsNotDigitsOrRanges(String text) {
        assertThatThrownBy(() -> DigitSet.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read digits '" + text + "'");
    }
}
