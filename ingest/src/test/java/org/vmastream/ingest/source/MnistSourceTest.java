package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;
import org.vmastream.datasets.mnist.MnistSplit;

class MnistSourceTest {
    private static final int[] LABELS = {5, 0, 4, 1, 9, 2};

    @TempDir
    Path dir;

    /** Image i has grey level 40 * i in its first pixel and 255 in its last. */
    @BeforeEach
    void writeSixImages() throws IOException {
        byte[][] pixels = new byte[LABELS.length][784];
        for (int i = 0; i < LABELS.length; i++) {
            pixels[i][0] = (byte) (40 * i);
            pixels[i][783] = (byte) 255;
        }
        Fixtures.idx(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", pixels, LABELS);
    }

    @Test
    void shouldReadEveryImageWithItsDigitAndGreyLevels() throws IOException {
        MnistSource source = MnistSource.fromDirectory(dir, MnistSplit.TEST, DigitSet.all());
        assertThat(source.expectedCount()).isEqualTo(6);

        List<Item> items = SourceItems.all(source);

        assertThat(items)
                .extracting(Item::id)
                .containsExactly(
                        "mnist-test-00000",
                        "mnist-test-00001",
                        "mnist-test-00002",
                        "mnist-test-00003",
                        "mnist-test-00004",
                        "mnist-test-00005");
        assertThat(items).extracting(Item::label).containsExactly("5", "0", "4", "1", "9", "2");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.shape()).containsExactly(28, 28);
            assertThat(item.source()).isEqualTo("mnist-test");
            assertThat(item.data()[783]).isEqualTo(1f);
        });
        assertThat(items.get(3).data()[0]).isEqualTo(120 / 255f);
    }

    @Test
    void shouldKeepOnlyTheChosenDigitsUnderTheirOriginalIndex() throws IOException {
        MnistSource source = MnistSource.fromDirectory(dir, MnistSplit.TEST, DigitSet.parse("0-4"));
        assertThat(source.expectedCount()).isEqualTo(4);

        List<Item> items = SourceItems.all(source);

        assertThat(items)
                .extracting(Item::id)
                .containsExactly("mnist-test-00001", "mnist-test-00002", "mnist-test-00003", "mnist-test-00005");
        assertThat(items.get(3).data()[0]).isEqualTo(200 / 255f);
    }

    @Test
    void shouldSayWhichFileIsMissing() {
        assertThatThrownBy(() -> MnistSource.fromDirectory(dir, MnistSplit.TRAIN, DigitSet.all()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("does not exist");
    }
}
