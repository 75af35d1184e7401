package org.vmastream.datasets.episodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SymmetricClassesTest {
    /** A 2x2 image per class: class c is {c, 1, 2, 3} row-major, so the symmetries are easy to write down. */
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

    /** One class whose edge x edge image holds 0, 1, 2... row-major: every pixel tells where it came from. */
    private static LabelledImages counting(int edge) {
        float[] image = new float[edge * edge];
        for (int i = 0; i < image.length; i++) {
            image[i] = i;
        }
        return new LabelledImages() {
            @Override
            public int classCount() {
                return 1;
            }

            @Override
            public int dimension() {
                return image.length;
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
    }

    @Test
    void quarterTurnsGiveEveryClassInFourTurnsAnticlockwise() {
        SymmetricClasses turns = SymmetricClasses.quarterTurns(SQUARES);
        assertEquals(8, turns.classCount());
        // a b / c d turned anticlockwise is b d / a c.
        assertArrayEquals(new float[] {0, 1, 2, 3}, turns.image(0, 0));
        assertArrayEquals(new float[] {1, 3, 0, 2}, turns.image(1, 0));
        assertArrayEquals(new float[] {3, 2, 1, 0}, turns.image(2, 0));
        assertArrayEquals(new float[] {2, 0, 3, 1}, turns.image(3, 0));
        assertArrayEquals(new float[] {1, 1, 2, 3}, turns.image(4, 2));
    }

    @Test
    void turnsComposeLikeRotationsOnALargerImage() {
        LabelledImages source = counting(26);
        // Class 4 i + t of the outer turns is inner class i turned t more quarter turns.
        SymmetricClasses twice = SymmetricClasses.quarterTurns(SymmetricClasses.quarterTurns(source));
        assertArrayEquals(source.image(0, 0), twice.image(4 * 3 + 1, 0), "270 then 90 degrees is the identity");
        assertArrayEquals(twice.image(2, 0), twice.image(4 + 1, 0), "90 then 90 degrees is 180");
        assertArrayEquals(twice.image(3, 0), twice.image(4 * 2 + 1, 0), "180 then 90 degrees is 270");
        assertEquals(0f, twice.image(1, 0)[25 * 26], "top-left goes to bottom-left");
    }

    @Test
    void mirrorsGiveEveryClassAsItIsAndMirrored() {
        SymmetricClasses mirrors = SymmetricClasses.mirrors(SQUARES);
        assertEquals(4, mirrors.classCount());
        // a b / c d mirrored left to right is b a / d c.
        assertArrayEquals(new float[] {0, 1, 2, 3}, mirrors.image(0, 0));
        assertArrayEquals(new float[] {1, 0, 3, 2}, mirrors.image(1, 0));
        assertArrayEquals(new float[] {1, 1, 2, 3}, mirrors.image(2, 3));
        assertArrayEquals(new float[] {1, 1, 3, 2}, mirrors.image(3, 3));
    }

    @Test
    void mirrorsOverQuarterTurnsGiveTheEightSymmetriesOfTheSquare() {
        SymmetricClasses symmetries = SymmetricClasses.mirrors(SymmetricClasses.quarterTurns(counting(3)));
        Set<List<Float>> distinct = new HashSet<>();
        for (int cls = 0; cls < symmetries.classCount(); cls++) {
            List<Float> pixels = new ArrayList<>();
            for (float v : symmetries.image(cls, 0)) {
                pixels.add(v);
            }
            distinct.add(pixels);
        }
        assertEquals(8, distinct.size(), "the dihedral group of the square has 8 elements");
        assertEquals("g/c@270~mirror", symmetries.label(7));
    }

    @Test
    void transformedClassesAreNewClassesInNewGroups() {
        SymmetricClasses turns = SymmetricClasses.quarterTurns(SQUARES);
        assertEquals("Greek/character01", turns.label(0));
        assertEquals("Greek", turns.group(0));
        assertEquals("Greek/character01@270", turns.label(3));
        assertEquals("Greek@180", turns.group(2));
        assertEquals("Greek/character02@90", turns.label(5));
        assertEquals(4, turns.drawingCount(5));
        assertThrows(IndexOutOfBoundsException.class, () -> turns.image(8, 0));

        SymmetricClasses mirrors = SymmetricClasses.mirrors(SQUARES);
        assertEquals("Greek/character02~mirror", mirrors.label(3));
        assertEquals("Greek~mirror", mirrors.group(3));
        assertEquals(4, mirrors.drawingCount(3));
    }

    @Test
    void refusesImagesThatAreNotSquare() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SymmetricClasses.quarterTurns(FakeImages.uniform(1, 1, 1)));
        assertEquals("images of 2 values are not square", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SymmetricClasses.mirrors(FakeImages.uniform(1, 1, 1)));
    }
}
