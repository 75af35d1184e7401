package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;
import org.vmastream.datasets.omniglot.OmniglotLayout;
import org.vmastream.datasets.omniglot.OmniglotSize;

/** OmniglotSource on a tiny made-up set: two alphabets, three drawings, one of them with ink at (41, 10). */
class OmniglotSourceTest {
    @TempDir
    Path root;

    private Map<String, byte[]> drawings;

    @BeforeEach
    void writeSet() throws IOException {
        drawings = new LinkedHashMap<>();
        // Deliberately not in sorted order: zips list entries as they were added.
        drawings.put("Latin/character02/0902_01.png", Fixtures.pngBytes(Fixtures.oneBit(105, 105, new int[] {0, 0})));
        drawings.put(
                "Greek/character01/0394_01.png",
                Fixtures.pngBytes(Fixtures.oneBit(105, 105, new int[] {41, 10}, new int[] {104, 104})));
        drawings.put("Greek/character01/0394_02.png", Fixtures.pngBytes(Fixtures.oneBit(105, 105)));
        for (Map.Entry<String, byte[]> drawing : drawings.entrySet()) {
            Path file = root.resolve("images_background").resolve(drawing.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, drawing.getValue());
        }
        Map<String, byte[]> zipped = new LinkedHashMap<>();
        drawings.forEach((name, bytes) -> zipped.put("images_evaluation/" + name, bytes));
        zipped.put("__MACOSX/images_evaluation/Greek/character01/._0394_01.png", new byte[] {1, 2, 3});
        Fixtures.zip(root.resolve("images_evaluation.zip"), zipped);
    }

    private List<Item> read(Path path, String split, OmniglotSize size, Skips skips) throws IOException {
        return SourceItems.all(new OmniglotSource(OmniglotLayout.locate(path, split), size, skips));
    }

    @Test
    void shouldReadAFolderSetSortedWithInkAsOne() throws IOException {
        Skips skips = new Skips();
        List<Item> items = read(root.resolve("images_background"), null, OmniglotSize.FULL_105, skips);

        assertThat(items)
                .extracting(Item::id)
                .containsExactly(
                        "omniglot-Greek-character01-0394_01",
                        "omniglot-Greek-character01-0394_02",
                        "omniglot-Latin-character02-0902_01");
        assertThat(items)
                .extracting(Item::label)
                .containsExactly("Greek/character01", "Greek/character01", "Latin/character02");
        assertThat(items).extracting(Item::source).containsOnly("omniglot-background");
        Item first = items.get(0);
        assertThat(first.shape()).containsExactly(105, 105);
        assertThat(first.data()[41 * 105 + 10]).isEqualTo(1f);
        assertThat(first.data()[104 * 105 + 104]).isEqualTo(1f);
        assertThat(first.data()[0]).isEqualTo(0f);
        assertThat(sum(first.data())).isEqualTo(2);
        assertThat(sum(items.get(1).data())).isZero();
        assertThat(skips.total()).isZero();
    }

    @Test
    void shouldPoolTo26AndDropTheLastRowAndColumn() throws IOException {
        List<Item> items = read(root.resolve("images_background"), null, OmniglotSize.POOLED_26, new Skips());

        Item first = items.get(0);
        assertThat(first.shape()).containsExactly(26, 26);
        assertThat(first.data()[10 * 26 + 2]).isEqualTo(1f);
        assertThat(sum(first.data())).isEqualTo(1);
    }

    @Test
    void shouldResizeTo28KeepingTheInk() throws IOException {
        List<Item> items = read(root.resolve("images_background"), null, OmniglotSize.AREA_28, new Skips());

        Item first = items.get(0);
        assertThat(first.shape()).containsExactly(28, 28);
        assertThat(sum(first.data()) * 105 * 105 / (28 * 28)).isCloseTo(2, within(1e-4));
    }

    @Test
    void shouldReadTheSameItemsFromAZipAsFromAFolder() throws IOException {
        List<Item> fromFolder = read(root.resolve("images_background"), null, OmniglotSize.POOLED_26, new Skips());
        Skips skips = new Skips();
        List<Item> fromZip = read(root.resolve("images_evaluation.zip"), null, OmniglotSize.POOLED_26, skips);

        assertThat(fromZip)
                .extracting(Item::id)
                .isEqualTo(fromFolder.stream().map(Item::id).toList());
        for (int i = 0; i < fromZip.size(); i++) {
            assertThat(fromZip.get(i).data()).isEqualTo(fromFolder.get(i).data());
        }
        assertThat(fromZip).extracting(Item::source).containsOnly("omniglot-evaluation");
        assertThat(skips.total())
                .as("the __MACOSX resource fork is not a drawing")
                .isZero();
    }

    @Test
    void shouldSkipUnreadableAndWronglySizedDrawings() throws IOException {
        Path set = root.resolve("images_background");
        Files.write(set.resolve("Greek/character01/0394_03.png"), new byte[] {1, 2, 3});
        Fixtures.png(set.resolve("Latin/character02/0902_02.png"), Fixtures.oneBit(28, 28));
        Skips skips = new Skips();

        List<Item> items = read(set, null, OmniglotSize.POOLED_26, skips);

        assertThat(items).hasSize(3);
        assertThat(skips.counts())
                .containsEntry(SkipReason.UNREADABLE_IMAGE, 1L)
                .containsEntry(SkipReason.WRONG_IMAGE_SIZE, 1L);
        assertThat(skips.examples())
                .extracting(Skips.Skip::location)
                .containsExactly(
                        set + ":" + Path.of("Greek", "character01", "0394_03.png"),
                        set + ":" + Path.of("Latin", "character02", "0902_02.png"));
        assertThat(skips.examples().get(1).detail()).isEqualTo("28x28 pixels, expected 105x105");
    }

    private static double sum(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum;
    }
}
