package org.vmastream.datasets.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlphabetSplitTest {
    @TempDir
    Path root;

    /** One character of each alphabet in a set of the given name under {@code root}. */
    private OmniglotCharacters load(String set, String... alphabets) throws IOException {
        List<String> characters = new ArrayList<>();
        for (String alphabet : alphabets) {
            characters.add(alphabet + "/character01");
        }
        OmniglotFixtures.folder(root, set, 1, characters.toArray(String[]::new));
        return OmniglotCharacters.load(List.of(root));
    }

    @Test
    void shouldTestOnTheEvaluationSetsAlphabetsWhenOneIsLoaded() throws IOException {
        OmniglotFixtures.folder(root, "images_evaluation", 1, "Angelic/character01", "Tengwar/character01");
        OmniglotCharacters all = load("images_background", "Greek", "Korean", "Latin", "Tagalog");

        AlphabetSplit split = AlphabetSplit.defaultFor(all);

        assertThat(split.test()).containsExactly("Angelic", "Tengwar");
        assertThat(split.train()).containsExactly("Greek", "Korean", "Latin", "Tagalog");
    }

    @Test
    void shouldHoldOutKoreanAndTagalogOfTheSmallSubsets() throws IOException {
        OmniglotCharacters all = load("images_background_small1", "Balinese", "Greek", "Korean", "Latin", "Tagalog");

        AlphabetSplit split = AlphabetSplit.defaultFor(all);

        assertThat(split.test()).containsExactly("Korean", "Tagalog");
        assertThat(split.train()).containsExactly("Balinese", "Greek", "Latin");
    }

    @Test
    void shouldHoldOutTheLastTwoAlphabetsOtherwise() throws IOException {
        OmniglotCharacters all = load("images_background", "Bengali", "Greek", "Korean", "Latin");

        assertThat(AlphabetSplit.defaultFor(all))
                .isEqualTo(new AlphabetSplit(List.of("Bengali", "Greek"), List.of("Korean", "Latin")));
    }

    @Test
    void shouldHoldOutOneOfTwoAlphabetsAndRefuseToSplitOne() throws IOException {
        assertThat(AlphabetSplit.defaultFor(load("images_background", "Greek", "Latin"))
                        .test())
                .containsExactly("Latin");

        OmniglotCharacters single = OmniglotCharacters.load(
                List.of(OmniglotFixtures.folder(root.resolve("other"), "images_background", 1, "Greek/character01")));
        assertThatThrownBy(() -> AlphabetSplit.defaultFor(single))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot split the single alphabet [Greek]");
    }

    @Test
    void shouldFallBackWhenEverythingIsFromTheEvaluationSet() throws IOException {
        OmniglotCharacters all = load("images_evaluation", "Angelic", "Korean", "Tagalog", "Tengwar");

        assertThat(AlphabetSplit.defaultFor(all).test()).containsExactly("Korean", "Tagalog");
    }

    @Test
    void shouldSplitIntoDisjointSubsetsCoveringEveryCharacter() throws IOException {
        OmniglotCharacters all = load("images_background", "Balinese", "Greek", "Korean", "Latin", "Tagalog");
        AlphabetSplit split = AlphabetSplit.of(List.of("Greek", "Balinese"), all);

        OmniglotCharacters train = split.train(all);
        OmniglotCharacters test = split.test(all);

        assertThat(split.test()).containsExactly("Balinese", "Greek");
        assertThat(train.alphabets()).containsExactly("Korean", "Latin", "Tagalog");
        assertThat(test.alphabets()).containsExactly("Balinese", "Greek");
        assertThat(train.alphabets()).doesNotContainAnyElementsOf(test.alphabets());
        assertThat(train.classCount() + test.classCount()).isEqualTo(all.classCount());
    }

    @Test
    void shouldRefuseUnknownOrOverlappingOrEmptySides() throws IOException {
        OmniglotCharacters all = load("images_background", "Greek", "Latin");

        assertThatThrownBy(() -> AlphabetSplit.of(List.of("Klingon"), all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown alphabets [Klingon]; the alphabets are Greek, Latin");
        assertThatThrownBy(() -> AlphabetSplit.of(List.of("Greek", "Latin"), all))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs alphabets on both sides");
        assertThatThrownBy(() -> new AlphabetSplit(List.of("Greek", "Latin"), List.of("Latin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alphabets [Latin] are both in train and test");
    }
}
