package org.vmastream.datasets.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MirrorsTest {
    /** One 2x2 image per class: class c is {c, 1, 2, 3} row-major. */
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
    void everyClassComesAsItIsAndMirrored() {
        Mirrors mirrors = new Mirrors(SQUARES);
        assertEquals(4, mirrors.classCount());
        // a b / c d mirrored left to right is b a / d c.
        assertArrayEquals(new float[] {0, 1, 2, 3}, mirrors.image(0, 0));
        assertArrayEquals(new float[] {1, 0, 3, 2}, mirrors.image(1, 0));
        assertArrayEquals(new float[] {1, 1, 2, 3}, mirrors.image(2, 3));
        assertArrayEquals(new float[] {1, 1, 3, 2}, mirrors.image(3, 3));
    }

    @Test
    void mirroredClassesAreNewClassesInNewGroups() {
        Mirrors mirrors = new Mirrors(SQUARES);
        assertEquals("Greek/character01", mirrors.label(0));
        assertEquals("Greek", mirrors.group(0));
        assertEquals("Greek/character02~mirror", mirrors.label(3));
        assertEquals("Greek~mirror", mirrors.group(3));
        assertEquals(4, mirrors.drawingCount(3));
        assertThrows(IndexOutOfBoundsException.class, () -> mirrors.image(4, 0));
    }

    @Test
    void overQuarterTurnsTheyGiveTheEightSymmetriesOfTheSquare() {
        float[] image = new float[9];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        LabelledImages source = new LabelledImages() {
            @Override
            public int classCount() {
                return 1;
            }

            @Override
            public int dimension() {
                return 9;
            }

            @Override
            public int drawingCount(int cls) {
                return 1;
            }

            @Override
            public float[] image(int cls, int drawing) {
                return image.clone();
            }

            @Override
            public String label(int cls) {
                return "g/c";
            }

            @Override
            public String group(int cls) {
                return "g";
            }
        };
        Mirrors symmetries = new Mirrors(new QuarterTurns(source));
        Set<List<Float>> distinct = new HashSet<>();
        for (int cls = 0; cls < symmetries.classCount(); cls++) {
            List<Float> pixels = new ArrayList<>();
            for (float v : symmetries.image(cls, 0)) {
                pixels.add(v);
            }
            distinct.add(pixels);
        }
        assertEquals(8, distinct.size(), "the dihedral group of the square has 8 elements");
    }

    @Test
    void refusesImagesThatAreNotSquare() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new Mirrors(FakeImages.uniform(1, 1, 1)));
        assertEquals("images of 2 values are not square", error.getMessage());
    }
}
