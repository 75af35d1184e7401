package org.vmastream.datasets.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;

/**
 * The two small Omniglot background subsets in the shared data folder (read in place, never copied), loaded once
 * for the class. Skipped when they are not there. The known drawing's ink counts were computed independently,
 * with a plain-Python PNG decoder.
 */
class OmniglotRealDataTest {
    private static final Path OMNIGLOT =
            Path.of(System.getProperty("vma.shared.data", "../../shared/data")).resolve("omniglot");
    private static final Path SMALL1 = OMNIGLOT.resolve("images_background_small1.zip");
    private static final Path SMALL2 = OMNIGLOT.resolve("images_background_small2.zip");

    private static OmniglotCharacters data;

    @BeforeAll
    static void load() throws IOException {
        if (missing().isEmpty()) {
            data = OmniglotCharacters.load(List.of(SMALL1, SMALL2));
        }
    }

    /** Per test rather than in {@link #load()}, so that the report counts each test as skipped, with the reason. */
    @BeforeEach
    void requireData() {
        assumeTrue(
                missing().isEmpty(),
                "Omniglot subsets missing: " + missing()
                        + " (set -Dvma.shared.data to the shared data folder); skipping the real-data tests");
    }

    private static List<Path> missing() {
        return Stream.of(SMALL1, SMALL2)
                .filter(file -> !Files.isRegularFile(file))
                .map(Path::toAbsolutePath)
                .toList();
    }

    @Test
    void shouldHold242CharactersOf8AlphabetsWith20DrawingsEach() {
        assertThat(data.classCount()).isEqualTo(242);
        assertThat(data.alphabets())
                .containsExactly(
                        "Balinese",
                        "Early_Aramaic",
                        "Greek",
                        "Japanese_(katakana)",
                        "Korean",
                        "Latin",
                        "Sanskrit",
                        "Tagalog");
        for (int cls = 0; cls < data.classCount(); cls++) {
            assertThat(data.drawingCount(cls)).as(data.label(cls)).isEqualTo(20);
        }
    }

    @Test
    void shouldKeepTheGreekAndLatinDrawingsSharedByBothSubsetsOnce() throws IOException {
        int greekAndLatin = data.onlyAlphabets(List.of("Greek", "Latin")).classCount();
        try (OmniglotSet small1 = OmniglotLayout.locate(SMALL1, null);
                OmniglotSet small2 = OmniglotLayout.locate(SMALL2, null)) {
            assertThat(small1.entries().size() + small2.entries().size())
                    .as("drawings in the two zips, the shared ones counted twice")
                    .isEqualTo(242 * 20 + greekAndLatin * 20);
        }
        assertThat(greekAndLatin).isEqualTo(24 + 26);
        for (int cls = 0; cls < data.classCount(); cls++) {
            Set<String> names = new HashSet<>();
            for (int d = 0; d < data.drawingCount(cls); d++) {
                names.add(data.drawingName(cls, d));
            }
            assertThat(names).as(data.label(cls)).hasSize(data.drawingCount(cls));
        }
    }

    @Test
    void shouldNameTheSubsetEachCharacterCameFromFirst() {
        for (int cls = 0; cls < data.classCount(); cls++) {
            String expected =
                    List.of("Japanese_(katakana)", "Sanskrit", "Tagalog").contains(data.alphabet(cls))
                            ? "images_background_small2"
                            : "images_background_small1";
            assertThat(data.set(cls)).as(data.label(cls)).isEqualTo(expected);
        }
    }

    @Test
    void shouldHold26By26DrawingsOfZerosAndOnes() {
        assertThat(data.pixels()).isEqualTo(26);
        assertThat(data.dimension()).isEqualTo(676);
        for (int cls = 0; cls < data.classCount(); cls++) {
            for (int d = 0; d < data.drawingCount(cls); d++) {
                float[] image = data.image(cls, d);
                assertThat(image).hasSize(676);
                for (float v : image) {
                    if (v != 0f && v != 1f) {
                        throw new AssertionError(data.label(cls) + " drawing " + d + " holds " + v);
                    }
                }
            }
        }
    }

    @Test
    void shouldPoolAKnownDrawingAsComputedIndependently() {
        assertThat(data.label(0)).isEqualTo("Balinese/character01");
        assertThat(data.drawingName(0, 0)).isEqualTo("0108_01");
        float[] pooled = data.image(0, 0);

        double ink = 0;
        for (float v : pooled) {
            ink += v;
        }
        assertThat(ink).isEqualTo(96);
        // Pooled row 7 of the drawing is "...............####.......".
        for (int c = 0; c < 26; c++) {
            assertThat(pooled[7 * 26 + c]).isEqualTo(c >= 15 && c <= 18 ? 1f : 0f);
        }
    }

    @Test
    void shouldHoldOutKoreanAndTagalogByDefault() {
        AlphabetSplit split = AlphabetSplit.defaultFor(data);
        OmniglotCharacters train = split.train(data);
        OmniglotCharacters test = split.test(data);

        assertThat(split.test()).containsExactly("Korean", "Tagalog");
        assertThat(test.classCount()).isEqualTo(57);
        assertThat(train.classCount()).isEqualTo(242 - 57);
        assertThat(train.alphabets()).doesNotContainAnyElementsOf(test.alphabets());
        assertThat(train.alphabets()).hasSize(6);
    }

    @Test
    void shouldFindTheSecondSubsetByItsSplit() throws IOException {
        try (OmniglotSet set = OmniglotLayout.locate(OMNIGLOT, "background_small2")) {
            assertThat(set.entries()).hasSize(3120);
            assertThat(set.entries().stream()
                            .map(OmniglotEntry::label)
                            .distinct()
                            .count())
                    .isEqualTo(156);
        }
    }

    @Test
    void shouldDrawEpisodesOfTestCharactersFromSeveralAlphabets() {
        OmniglotCharacters test = AlphabetSplit.defaultFor(data).test(data);
        Episode episode = new EpisodeSampler(test, 1).sample(EpisodeShape.defaults());

        assertThat(episode.dimension()).isEqualTo(676);
        assertThat(episode.memorySize()).isEqualTo(32);
        Set<String> alphabets = new HashSet<>();
        for (int cls : episode.targetClass()) {
            alphabets.add(test.alphabet(cls));
        }
        assertThat(alphabets).containsExactlyInAnyOrder("Korean", "Tagalog");
    }
}
