package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;

class PngFolderSourceTest {
    @TempDir
    Path parent;

    private Path root;

    @BeforeEach
    void writeImages() {
        root = parent.resolve("shapes");
        Fixtures.png(root.resolve("circle/b.png"), Fixtures.grey8(2, 2, 0, 255, 255, 0));
        Fixtures.png(root.resolve("circle/a.png"), Fixtures.grey8(1, 3, 0, 51, 255));
        Fixtures.png(root.resolve("square/nested/c.PNG"), Fixtures.grey8(1, 1, 102));
        Fixtures.png(root.resolve("loose.png"), Fixtures.grey8(1, 1, 255));
    }

    @Test
    void shouldLabelImagesByFirstLevelFolderInPathOrder() throws IOException {
        Skips skips = new Skips();
        List<Item> items = SourceItems.all(new PngFolderSource(root, false, skips));

        assertThat(items)
                .extracting(Item::id)
                .containsExactly(
                        "png-shapes/circle/a", "png-shapes/circle/b", "png-shapes/loose", "png-shapes/square/nested/c");
        assertThat(items).extracting(Item::label).containsExactly("circle", "circle", null, "square");
        assertThat(items).extracting(Item::source).containsOnly("png-shapes");
        assertThat(items.get(0).shape()).containsExactly(1, 3);
        assertThat(items.get(0).data()).containsExactly(0f, 0.2f, 1f);
        assertThat(items.get(1).shape()).containsExactly(2, 2);
        assertThat(items.get(3).data()).containsExactly(0.4f);
        assertThat(skips.total()).isZero();
    }

    @Test
    void shouldInvertOnRequest() throws IOException {
        List<Item> items = SourceItems.all(new PngFolderSource(root, true, new Skips()));

        assertThat(items.get(0).data()).containsExactly(1f, 0.8f, 0f);
    }

    @Test
    void shouldSkipAndReportUnreadableFilesAndGoOn() throws IOException {
        Path broken = Files.write(root.resolve("circle/broken.png"), "not a png".getBytes());
        Skips skips = new Skips();

        List<Item> items = SourceItems.all(new PngFolderSource(root, false, skips));

        assertThat(items).hasSize(4);
        assertThat(skips.counts()).containsOnlyKeys(SkipReason.UNREADABLE_IMAGE);
        assertThat(skips.examples()).singleElement().satisfies(skip -> {
            assertThat(skip.location()).isEqualTo(broken.toString());
            assertThat(skip.detail()).contains("not an image");
        });
    }

    @Test
    void shouldRefuseAFolderThatDoesNotExist() {
        assertThatThrownBy(() -> new PngFolderSource(parent.resolve("nowhere"), false, new Skips()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }
}
