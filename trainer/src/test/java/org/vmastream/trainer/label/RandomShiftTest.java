package org.vmastream.trainer.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomShiftTest {

    @Test
    void shouldMoveAnImageByTheOffsetAndShiftZerosIn() {
        RandomShift shift = new RandomShift(3, 4, 1);
        float[] image = {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12
        };
        shift.shift(image, 0, 1, -1);
        assertThat(image).containsExactly(0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0);
    }

    @Test
    void shouldShiftEachImageOfABatchOnItsOwnAndKeepInkAwayFromTheBorder() {
        int side = 8;
        int images = 50;
        float[] rows = new float[images * side * side];
        for (int i = 0; i < images; i++) {
            rows[i * side * side + 3 * side + 4] = 1f; // one ink pixel at (3, 4)
        }
        new RandomShift(side, side, 2).apply(rows, images, new SplittableRandom(7));
        Set<Integer> places = new HashSet<>();
        for (int i = 0; i < images; i++) {
            int ink = -1;
            float total = 0;
            for (int p = 0; p < side * side; p++) {
                total += rows[i * side * side + p];
                if (rows[i * side * side + p] == 1f) {
                    ink = p;
                }
            }
            assertThat(total).as("image %d keeps its one ink pixel", i).isEqualTo(1f);
            assertThat(Math.abs(ink / side - 3)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(ink % side - 4)).isLessThanOrEqualTo(2);
            places.add(ink);
        }
        assertThat(places).as("offsets differ between images").hasSizeGreaterThan(10);
    }

    @Test
    void shouldLeaveImagesAsTheyAreWithoutAnOffset() {
        float[] rows = {1, 0, 0, 1};
        new RandomShift(2, 2, 0).apply(rows, 1, new SplittableRandom(1));
        assertThat(rows).containsExactly(1, 0, 0, 1);
    }
}
