package org.vmastream.datasets.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;

/** Loading made-up sets: see {@link OmniglotFixtures} for what the drawings hold. */
class OmniglotCharactersTest {
    @TempDir
    Path root;

    @Test
    void shouldSortClassesByAlphabetThenCharacterAndDrawingsByName() throws IOException {
        Path set = OmniglotFixtures.folder(
                root, "images_background", 3, "Latin/character02", "Greek/character02", "Greek/character01");

        OmniglotCharacters data = OmniglotCharacters.load(List.of(set));

        assertThat(data.classCount()).isEqualTo(3);
        assertThat(List.of(data.label(0), data.label(1), data.label(2)))
                .containsExactly("Greek/character01", "Greek/character02", "Latin/character02");
        assertThat(data.alphabet(2)).isEqualTo("Latin");
        assertThat(data.group(2)).isEqualTo("Latin");
        assertThat(data.character(2)).isEqualTo("character02");
        assertThat(data.alphabets()).containsExactly("Greek", "Latin");
        assertThat(data.drawingCount(0)).isEqualTo(3);
        assertThat(List.of(data.drawingName(0, 0), data.drawingName(0, 2))).containsExactly("0000_01", "0000_03");
        assertThat(data.set(0)).isEqualTo("images_background");
    }

    @Test
    void shouldKeepEachDrawingAsPooledInkOfZerosAndOnes() throws IOException {
        Path set = OmniglotFixtures.zip(root, "images_background", 3, "Greek/character01");

        OmniglotCharacters data = OmniglotCharacters.load(List.of(set));

        assertThat(data.size()).isEqualTo(OmniglotSize.POOLED_26);
        assertThat(data.pixels()).isEqualTo(26);
        assertThat(data.dimension()).isEqualTo(676);
        for (int d = 0; d < 3; d++) {
            float[] image = data.image(0, d);
            assertThat(image).hasSize(676).containsOnly(0f, 1f);
            assertThat(image[d * 26 + d])
                    .as("drawing %d has its ink at (%d, %d)", d, d, d)
                    .isEqualTo(1f);
            assertThat(sum(image)).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepTheResolutionAsked() throws IOException {
        Path set = OmniglotFixtures.folder(root, "images_background", 1, "Greek/character01");

        OmniglotCharacters data = OmniglotCharacters.load(List.of(set), OmniglotSize.FULL_105);

        assertThat(data.dimension()).isEqualTo(105 * 105);
        assertThat(data.image(0, 0)[0]).isEqualTo(1f);
    }

    @Test
    void shouldHandOutCopiesOfTheImages() throws IOException {
        OmniglotCharacters data = OmniglotCharacters.load(
                List.of(OmniglotFixtures.folder(root, "images_background", 1, "Greek/character01")));

        data.image(0, 0)[0] = 7f;

        assertThat(data.image(0, 0)[0]).isEqualTo(1f);
        assertThatThrownBy(() -> data.image(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldReadEverySetOfAFolderOfSetsAndKeepSharedDrawingsOnce() throws IOException {
        // Like the two small subsets: Greek is in both, as the same files; Korean and Tagalog in one each.
        OmniglotFixtures.zip(root, "images_background_small1", 2, "Greek/character01", "Korean/character01");
        OmniglotFixtures.folder(root, "images_background_small2", 2, "Greek/character01", "Tagalog/character01");

        OmniglotCharacters data = OmniglotCharacters.load(List.of(root));

        assertThat(data.alphabets()).containsExactly("Greek", "Korean", "Tagalog");
        assertThat(data.classCount()).isEqualTo(3);
        assertThat(data.drawingCount(0))
                .as("Greek drawings read twice are kept once")
                .isEqualTo(2);
        assertThat(List.of(data.set(0), data.set(1), data.set(2)))
                .containsExactly("images_background_small1", "images_background_small1", "images_background_small2");
    }

    @Test
    void shouldGatherACharacterWhoseDrawingsAreSpreadOverSources() throws IOException {
        Path first = OmniglotFixtures.folder(root.resolve("a"), "images_background", 2, "Greek/character01");
        Path second = OmniglotFixtures.folder(root.resolve("b"), "images_evaluation", 3, "Greek/character01");

        OmniglotCharacters data = OmniglotCharacters.load(List.of(second, first));

        assertThat(data.drawingCount(0)).isEqualTo(3);
        assertThat(data.set(0)).as("the first location given").isEqualTo("images_evaluation");
    }

    @Test
    void shouldFailNamingADrawingThatCannotBeDecoded() throws IOException {
        Path set = OmniglotFixtures.folder(root, "images_background", 1, "Greek/character01");
        Path broken = Fixtures.write(set.resolve("Greek/character01/0000_09.png"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> OmniglotCharacters.load(List.of(set)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(set.relativize(broken).toString())
                .hasMessageContaining("not an image");
    }

    @Test
    void shouldFailNamingADrawingOfTheWrongSize() throws IOException {
        Path set = OmniglotFixtures.zip(root, "images_background", 1, "Greek/character01");
        Fixtures.write(
                root.resolve("more/images_evaluation/Latin/character01/0000_01.png"),
                Fixtures.pngBytes(Fixtures.oneBit(28, 28)));

        assertThatThrownBy(() -> OmniglotCharacters.load(List.of(set, root.resolve("more"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Latin/character01/0000_01.png")
                .hasMessageContaining("28x28 pixels, expected 105x105");
    }

    @Test
    void shouldRefuseToLoadNothing() throws IOException {
        Files.createDirectories(root.resolve("images_background"));

        assertThatThrownBy(() -> OmniglotCharacters.load(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Omniglot location");
        assertThatThrownBy(() -> OmniglotCharacters.load(List.of(root)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Omniglot drawings in");
    }

    @Test
    void shouldKeepOnlyTheChosenAlphabets() throws IOException {
        OmniglotCharacters data = OmniglotCharacters.load(List.of(OmniglotFixtures.folder(
                root,
                "images_background",
                2,
                "Greek/character01",
                "Korean/character01",
                "Korean/character02",
                "Latin/character01")));

        OmniglotCharacters some = data.onlyAlphabets(List.of("Latin", "Korean"));

        assertThat(some.alphabets()).containsExactly("Korean", "Latin");
        assertThat(some.classCount()).isEqualTo(3);
        assertThat(some.label(0)).isEqualTo("Korean/character01");
        assertThat(some.image(2, 1)).isEqualTo(data.image(3, 1));
        assertThat(some.size()).isEqualTo(data.size());
    }

    @Test
    void shouldNameTheAlphabetsThereAreWhenAskedForAnUnknownOne() throws IOException {
        OmniglotCharacters data = OmniglotCharacters.load(List.of(
                OmniglotFixtures.folder(root, "images_background", 1, "Greek/character01", "Latin/character01")));

        assertThatThrownBy(() -> data.onlyAlphabets(List.of("Greek", "Klingon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown alphabets [Klingon]; the alphabets are Greek, Latin");
        assertThatThrownBy(() -> data.onlyAlphabets(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no alphabet chosen");
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
