package org.vmastream.experiments.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryImagesTest {
    @TempDir
    Path dir;

    @Test
    void anOmniglotDrawingIsPooledToBinaryInkAtTheModelsSize() throws IOException {
        Path file = png("stroke.png", 105, 8, 12);

        float[] ink = QueryImages.read(file, 26);

        assertThat(ink).hasSize(26 * 26);
        // Black pixels 8..11 in both directions fall in pooled cells 2 (8..11): one cell of ink, the rest paper.
        assertThat(ink[2 * 26 + 2]).isEqualTo(1f);
        float total = 0;
        for (float v : ink) {
            assertThat(v).isIn(0f, 1f);
            total += v;
        }
        assertThat(total).isEqualTo(1f);
    }

    @Test
    void otherSizesAndNonImagesAreRefusedNamingTheFile() throws IOException {
        Path small = png("small.png", 50, 0, 4);
        assertThatThrownBy(() -> QueryImages.read(small, 26))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("small.png")
                .hasMessageContaining("50x50")
                .hasMessageContaining("105x105");
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        assertThatThrownBy(() -> QueryImages.read(text, 26))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("notes.png");
    }

    /** A white square image of {@code edge} pixels with black ink on [from, to) in both directions. */
    private Path png(String name, int edge, int from, int to) throws IOException {
        BufferedImage image = new BufferedImage(edge, edge, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < edge; y++) {
            for (int x = 0; x < edge; x++) {
                boolean ink = x >= from && x < to && y >= from && y < to;
                image.getRaster().setSample(x, y, 0, ink ? 0 : 255);
            }
        }
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
