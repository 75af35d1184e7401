package org.vmastream.datasets.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.vmastream.datasets.Fixtures;

class GreyImageReaderTest {
    private static GreyImage decode(BufferedImage image) throws IOException {
        return GreyImageReader.read(new ByteArrayInputStream(Fixtures.pngBytes(image)));
    }

    @Test
    void shouldReadEightBitGreyLevelsExactlyAsByteOver255() throws IOException {
        GreyImage image = decode(Fixtures.grey8(2, 3, 0, 1, 128, 200, 254, 255));

        assertThat(image.shape()).containsExactly(2, 3);
        assertThat(image.values()).containsExactly(0f, 1 / 255f, 128 / 255f, 200 / 255f, 254 / 255f, 1f);
    }

    @Test
    void shouldReadOneBitImagesAsZeroAndOne() throws IOException {
        GreyImage image = decode(Fixtures.oneBit(3, 4, new int[] {0, 0}, new int[] {2, 3}));

        assertThat(image.values()).containsExactly(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0);
    }

    @Test
    void shouldReadSixteenBitGreyLevels() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setPixels(0, 0, 2, 1, new int[] {0xFFFF, 0x8000});

        assertThat(decode(image).values()).containsExactly(new float[] {1f, 0x8000 / 65535f}, within(1e-6f));
    }

    @Test
    void shouldTurnColoursIntoLuminance() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        image.setRGB(1, 0, 0x00FF00);
        image.setRGB(2, 0, 0xFFFFFF);

        assertThat(decode(image).values()).containsExactly(new float[] {0.299f, 0.587f, 1f}, within(1e-5f));
    }

    @Test
    void shouldReadPaletteImagesThroughTheirPalette() throws IOException {
        byte[] reds = {(byte) 255, 0};
        byte[] greens = {(byte) 255, 0};
        byte[] blues = {(byte) 255, 0};
        BufferedImage image = new BufferedImage(
                2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 2, reds, greens, blues));
        image.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 0});

        assertThat(decode(image).values()).containsExactly(0f, 1f);
    }

    @Test
    void shouldCompositeTransparentPixelsOverWhite() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x00000000);
        image.setRGB(1, 0, 0xFF000000);
        image.setRGB(2, 0, 0x80000000);

        assertThat(decode(image).values()).containsExactly(new float[] {1f, 0f, 1 - 128 / 255f}, within(1e-5f));
    }

    @Test
    void shouldRefuseBytesThatAreNoImage() {
        assertThatThrownBy(() -> GreyImageReader.read(new ByteArrayInputStream("not a png".getBytes())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not an image");
    }
}
