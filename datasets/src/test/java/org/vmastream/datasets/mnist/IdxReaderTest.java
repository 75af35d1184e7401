package org.vmastream.datasets.mnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadImagesAndLabelsWrittenInIdxFormat() throws IOException {
        byte[] pixels = IdxTestFiles.pixels(3);
        Path images = IdxTestFiles.images(dir.resolve("images"), pixels);
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 5, (byte) 0, (byte) 9);

        MnistDataset data = IdxReader.read(images, labels);

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.labels()).containsExactly(5, 0, 9);
        float[] second = new float[MnistDataset.PIXELS];
        data.image(1, second, 0);
        assertThat(second[0]).isEqualTo(40 / 255f);
        assertThat(second[MnistDataset.COLS + 1]).isEqualTo(((40 + 29) % 256) / 255f); // row 1, col 1
    }

    @Test
    void shouldScaleGreyLevelsToUnitIntervalWithByte255AsExactlyOne() throws IOException {
        byte[] pixels = new byte[MnistDataset.PIXELS];
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        pixels[2] = (byte) 128;
        MnistDataset data = IdxReader.read(
                IdxTestFiles.images(dir.resolve("images"), pixels),
                IdxTestFiles.labels(dir.resolve("labels"), (byte) 1));

        assertThat(data.pixels().get(0)).isZero();
        assertThat(data.pixels().get(1)).isEqualTo(1f);
        assertThat(data.pixels().get(2)).isEqualTo(128 / 255f);
    }

    @Test
    void shouldReadEmptyFiles() throws IOException {
        MnistDataset data = IdxReader.read(
                IdxTestFiles.images(dir.resolve("images"), new byte[0]), IdxTestFiles.labels(dir.resolve("labels")));

        assertThat(data.size()).isZero();
    }

    @Test
    void shouldRefuseImagesFileWithWrongMagicNumber() throws IOException {
        Path images =
                IdxTestFiles.images(dir.resolve("images"), IdxReader.LABELS_MAGIC, 1, 28, 28, IdxTestFiles.pixels(1));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("wrong magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void shouldRefuseLabelsFileWithWrongMagicNumber() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxTestFiles.pixels(1));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), 0x00000802, 1, new byte[] {1});

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("wrong magic number 0x00000802, expected 0x00000801");
    }

    @Test
    void shouldRefuseImagesThatAreNot28By28() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxReader.IMAGES_MAGIC, 1, 27, 29, new byte[27 * 29]);
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("wrong dimensions 27x29, expected 28x28");
    }

    @Test
    void shouldRefuseImagesFileShorterThanItsHeaderDeclares() throws IOException {
        Path images =
                IdxTestFiles.images(dir.resolve("images"), IdxReader.IMAGES_MAGIC, 3, 28, 28, IdxTestFiles.pixels(2));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1, (byte) 2, (byte) 3);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated: header declares 3 images of 28x28 (2368 bytes)")
                .hasMessageContaining("the file has 1584 bytes");
    }

    @Test
    void shouldRefuseLabelsFileShorterThanItsHeaderDeclares() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxTestFiles.pixels(2));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), IdxReader.LABELS_MAGIC, 2, new byte[] {1});

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("truncated: header declares 2 labels");
    }

    @Test
    void shouldRefuseFileTooShortForItsHeader() throws IOException {
        Path images = Files.write(dir.resolve("images"), new byte[] {0, 0, 8, 3, 0});
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated: 5 bytes is shorter than the 16-byte header");
    }

    @Test
    void shouldRefuseTrailingBytesAfterDeclaredData() throws IOException {
        byte[] pixels = Arrays.copyOf(IdxTestFiles.pixels(1), MnistDataset.PIXELS + 3);
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxReader.IMAGES_MAGIC, 1, 28, 28, pixels);
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("3 unexpected trailing bytes");
    }

    @Test
    void shouldRefuseNegativeCount() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxReader.IMAGES_MAGIC, -1, 28, 28, new byte[0]);
        Path labels = IdxTestFiles.labels(dir.resolve("labels"));

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("negative item count -1");
    }

    @Test
    void shouldRefuseDifferentCountsOfImagesAndLabels() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxTestFiles.pixels(3));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 1, (byte) 2);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining("Count mismatch")
                .hasMessageContaining(images + " holds 3 images")
                .hasMessageContaining(labels + " holds 2 labels");
    }

    @Test
    void shouldRefuseLabelOutsideDigitRange() throws IOException {
        Path images = IdxTestFiles.images(dir.resolve("images"), IdxTestFiles.pixels(2));
        Path labels = IdxTestFiles.labels(dir.resolve("labels"), (byte) 3, (byte) 10);

        assertThatThrownBy(() -> IdxReader.read(images, labels))
                .isInstanceOf(IdxFormatException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 10 at index 1 is outside 0..9");
    }
}
