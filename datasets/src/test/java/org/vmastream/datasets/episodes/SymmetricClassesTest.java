package org.vmastream.datasets.episodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(turns.classCount()).isEqualTo(8);
        // a b / c d turned anticlockwise is b d / a c.
        assertThat(turns.image(0, 0)).containsExactly(new float[] {0, 1, 2, 3});
        assertThat(turns.image(1, 0)).containsExactly(new float[] {1, 3, 0, 2});
        assertThat(turns.image(2, 0)).containsExactly(new float[] {3, 2, 1, 0});
        assertThat(turns.image(3, 0)).containsExactly(new float[] {2, 0, 3, 1});
        assertThat(turns.image(4, 2)).containsExactly(new float[] {1, 1, 2, 3});
    }

    @Test
    void turnsComposeLikeRotationsOnALargerImage() {
        LabelledImages source = counting(26);
        // Class 4 i + t of the outer turns is inner class i turned t more quarter turns.
        SymmetricClasses twice = SymmetricClasses.quarterTurns(SymmetricClasses.quarterTurns(source));
        assertThat(twice.image(4 * 3 + 1, 0))
                .as("270 then 90 degrees is the identity")
                .containsExactly(source.image(0, 0));
        assertThat(twice.image(4 + 1, 0)).as("90 then 90 degrees is 180").containsExactly(twice.image(2, 0));
        assertThat(twice.image(4 * 2 + 1, 0)).as("180 then 90 degrees is 270").containsExactly(twice.image(3, 0));
        assertThat(twice.image(1, 0)[25 * 26])
                .as("top-left goes to bottom-left")
                .isEqualTo(0f);
    }

    @Test
    void mirrorsGiveEveryClassAsItIsAndMirrored() {
        SymmetricClasses mirrors = SymmetricClasses.mirrors(SQUARES);
        assertThat(mirrors.classCount()).isEqualTo(4);
        // a b / c d mirrored left to right is b a / d c.
        assertThat(mirrors.image(0, 0)).containsExactly(new float[] {0, 1, 2, 3});
        assertThat(mirrors.image(1, 0)).containsExactly(new float[] {1, 0, 3, 2});
        assertThat(mirrors.image(2, 3)).containsExactly(new float[] {1, 1, 2, 3});
        assertThat(mirrors.image(3, 3)).containsExactly(new float[] {1, 1, 3, 2});
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
        assertThat(distinct.size())
                .as("the dihedral group of the square has 8 elements")
                .isEqualTo(8);
        assertThat(symmetries.label(7)).isEqualTo("g/c@270~mirror");
    }

    @Test
    void transformedClassesAreNewClassesInNewGroups() {
        SymmetricClasses turns = SymmetricClasses.quarterTurns(SQUARES);
        assertThat(turns.label(0)).isEqualTo("Greek/character01");
        assertThat(turns.group(0)).isEqualTo("Greek");
        assertThat(turns.label(3)).isEqualTo("Greek/character01@270");
        assertThat(turns.group(2)).isEqualTo("Greek@180");
        assertThat(turns.label(5)).isEqualTo("Greek/character02@90");
        assertThat(turns.drawingCount(5)).isEqualTo(4);
        assertThatThrownBy(() -> turns.image(8, 0)).isInstanceOf(IndexOutOfBoundsException.class);

        SymmetricClasses mirrors = SymmetricClasses.mirrors(SQUARES);
        assertThat(mirrors.label(3)).isEqualTo("Greek/character02~mirror");
        assertThat(mirrors.group(3)).isEqualTo("Greek~mirror");
        assertThat(mirrors.drawingCount(3)).isEqualTo(4);
    }

    @Test
    void refusesImagesThatAreNotSquare() {
        assertThatThrownBy(() -> SymmetricClasses.quarterTurns(FakeImages.uniform(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("images of 2 values are not square");
        assertThatThrownBy(() -> SymmetricClasses.mirrors(FakeImages.uniform(1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
