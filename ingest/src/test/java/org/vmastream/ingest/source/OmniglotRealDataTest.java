package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vmastream.datasets.omniglot.OmniglotLayout;
import org.vmastream.datasets.omniglot.OmniglotSize;

/**
 * The small Omniglot subsets in the shared data folder (read in place, never copied). Skipped when they are not
 * there. The expected ink counts were computed independently, with a plain-Python PNG decoder.
 */
class OmniglotRealDataTest {
    private static final Path OMNIGLOT =
            Path.of(System.getProperty("vma.shared.data", "../../shared/data")).resolve("omniglot");
    private static final Path SMALL1 = OMNIGLOT.resolve("images_background_small1.zip");
    private static final String KNOWN = "omniglot-Balinese-character01-0108_01";

    @BeforeAll
    static void requireData() {
        assumeTrue(
                Files.isRegularFile(SMALL1),
                "Omniglot subset not found at " + SMALL1.toAbsolutePath()
                        + " (set -Dvma.shared.data to the shared data folder); skipping the real-data tests");
    }

    @Test
    void shouldReadAllDrawingsOfTheFirstSmallSubsetPooledTo26() throws IOException {
        Skips skips = new Skips();
        List<Item> items = SourceItems.all(new OmniglotSource(
                OmniglotLayout.locate(OMNIGLOT, "background_small1"), OmniglotSize.POOLED_26, skips));

        assertThat(items).hasSize(2720);
        assertThat(skips.total()).isZero();
        assertThat(items.stream().map(Item::label).distinct().count()).isEqualTo(136);
        assertThat(items.stream().map(item -> item.label().split("/")[0]).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Balinese", "Early_Aramaic", "Greek", "Korean", "Latin");
        assertThat(items.stream().map(Item::id).distinct().count()).isEqualTo(2720);
        assertThat(items).allSatisfy(item -> assertThat(item.shape()).containsExactly(26, 26));
        long notBinary = items.stream()
                .flatMapToDouble(item -> floats(item.data()))
                .filter(v -> v != 0 && v != 1)
                .count();
        assertThat(notBinary).as("pooled one-bit drawings hold only 0 and 1").isZero();
        assertThat(items.get(0).id()).isEqualTo(KNOWN);
    }

    @Test
    void shouldPoolAKnownDrawingAsComputedIndependently() throws IOException {
        float[] full = known(OmniglotSize.FULL_105);
        float[] pooled = known(OmniglotSize.POOLED_26);
        float[] area = known(OmniglotSize.AREA_28);

        assertThat(sum(full)).isEqualTo(881);
        assertThat(sum(pooled)).isEqualTo(96);
        assertThat(sum(area) * 105 * 105 / (28 * 28)).isCloseTo(881, within(1e-2));
        // Pooled row 7 of the drawing is "...............####.......".
        for (int c = 0; c < 26; c++) {
            assertThat(pooled[7 * 26 + c]).isEqualTo(c >= 15 && c <= 18 ? 1f : 0f);
        }
    }

    private static float[] known(OmniglotSize size) throws IOException {
        try (OmniglotSource source = new OmniglotSource(OmniglotLayout.locate(SMALL1, null), size, new Skips())) {
            Item item = source.next();
            assertThat(item.id()).isEqualTo(KNOWN);
            return item.data();
        }
    }

    private static DoubleStream floats(float[] values) {
        return IntStream.range(0, values.length).mapToDouble(i -> values[i]);
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
