package org.vmastream.schemas.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceSplitTest {
    @Test
    void holdsOutAboutTheShareAndAlwaysTheSameExemplars() {
        ReferenceSplit split = new ReferenceSplit(0.1);
        int held = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean reference = split.isReference("digits", "ex-" + i);
            assertThat(new ReferenceSplit(0.1).isReference("digits", "ex-" + i)).isEqualTo(reference);
            held += reference ? 1 : 0;
        }
        // Binomial(20000, 0.1): standard deviation 42.
        assertThat(held).isBetween(1_800, 2_200);
    }

    @Test
    void dependsOnTheSetAsWellAsTheId() {
        ReferenceSplit split = new ReferenceSplit(0.5);
        int differ = 0;
        for (int i = 0; i < 1_000; i++) {
            differ += split.isReference("a", "x" + i) != split.isReference("b", "x" + i) ? 1 : 0;
        }
        assertThat(differ).isBetween(400, 600);
    }

    @Test
    void shareZeroHoldsOutNothingAndAShareOfOneIsRefused() {
        assertThat(new ReferenceSplit(0).isReference("a", "b")).isFalse();
        assertThatThrownBy(() -> new ReferenceSplit(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReferenceSplit(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
