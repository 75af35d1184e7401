package org.vmastream.datasets.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QuarterTurnsTest {
    /** A 2x2 image per class: class c is {c, 1, 2, 3} row-major, so the turns are easy to write down. */
    private static final LabelledImages SQUARES = new LabelledImages() {
        @Override
        public int classCount() {
            return 2;
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public int drawingCount(int cls) {
            return 3 + cls;
        }

        @Override
        public float[] image(int cls, int drawing) {
            return new float[] {cls, 1, 2, 3};
        }

        @Override
        public String label(int cls) {
            return "Greek/character0" + (cls + 1);
        }

        @Override
        public String group(int cls) {
            return "Greek";
        }
    };

    @Test
    void everyClassComesInFourTurnsAnticlockwise() {
        QuarterTurns turns = new QuarterTurns(SQUARES);
        assertEquals(8, turns.classCount());
        // a b / c d turned anticlockwise is b d / a c.
        assertArrayEquals(new float[] {0, 1, 2, 3}, turns.image(0, 0));
        assertArrayEquals(new float[] {1, 3, 0, 2}, turns.image(1, 0));
        assertArrayEquals(new float[] {3, 2, 1, 0}, turns.image(2, 0));
        assertArrayEquals(new float[] {2, 0, 3, 1}, turns.image(3, 0));
        assertArrayEquals(new float[] {1, 1, 2, 3}, turns.image(4, 2));
    }

    @Test
    void fourQuarterTurnsAreTheIdentityOnALargerImage() {
        float[] image = new float[26 * 26];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        float[] turned = image;
        for (int t = 0; t < 4; t++) {
            turned = QuarterTurns.quarterTurn(turned, 26);
        }
        assertArrayEquals(image, turned);
        assertEquals(image[0], QuarterTurns.quarterTurn(image, 26)[25 * 26], "top-left goes to bottom-left");
    }

    @Test
    void turnedClassesAreNewClassesInNewGroups() {
        QuarterTurns turns = new QuarterTurns(SQUARES);
        assertEquals("Greek/character01", turns.label(0));
        assertEquals("Greek", turns.group(0));
        assertEquals("Greek/character01@270", turns.label(3));
        assertEquals("Greek@180", turns.group(2));
        assertEquals("Greek/character02@90", turns.label(5));
        assertEquals(4, turns.drawingCount(5));
        assertThrows(IndexOutOfBoundsException.class, () -> turns.image(8, 0));
    }

    @Test
    void refusesImagesThatAreNotSquare() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new QuarterTurns(FakeImages.uniform(1, 1, 1)));
        assertEquals("images of 2 values are not square", error.getMessage());
    }
}
