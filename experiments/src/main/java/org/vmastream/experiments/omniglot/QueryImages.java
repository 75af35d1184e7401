package org.vmastream.experiments.omniglot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.vmastream.datasets.image.GreyImage;
import org.vmastream.datasets.image.GreyImageReader;
import org.vmastream.datasets.image.PngFiles;
import org.vmastream.datasets.omniglot.OmniglotInk;
import org.vmastream.datasets.omniglot.OmniglotSize;

/**
 * Reads drawings in the Omniglot format for classification: 105x105 PNGs with black ink on white, brought to the
 * model's resolution exactly as the training data was; images already at the model's resolution are taken as they
 * are (ink dark). Anything else is refused with the file named.
 */
public final class QueryImages {
    private QueryImages() {}

    /** A readable drawing and where it came from. */
    public record Drawing(Path file, float[] ink) {}

    /** The PNGs directly in {@code folder}, sorted by name. */
    public static List<Drawing> readFolder(Path folder, int pixels) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        List<Drawing> drawings = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> Files.isRegularFile(f)
                            && PngFiles.isPng(f.getFileName().toString()))
                    .sorted()
                    .toList()) {
                drawings.add(new Drawing(file, read(file, pixels)));
            }
        }
        return drawings;
    }

    /** The sub-folders of {@code folder}, sorted by name: one label each. */
    public static List<Path> labelFolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder");
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    static float[] read(Path file, int pixels) throws IOException {
        GreyImage grey;
        try (InputStream in = Files.newInputStream(file)) {
            grey = GreyImageReader.read(in);
        } catch (IOException e) {
            throw new IOException(file + " is not a readable PNG: " + e.getMessage(), e);
        }
        GreyImage ink = grey.inverted();
        if (grey.height() == OmniglotInk.ORIGINAL_PIXELS && grey.width() == OmniglotInk.ORIGINAL_PIXELS) {
            return binary(OmniglotSize.ofPixels(pixels).apply(ink).values());
        }
        if (grey.height() == pixels && grey.width() == pixels) {
            return binary(ink.values());
        }
        throw new IllegalArgumentException(file + " is " + grey.height() + "x" + grey.width() + " pixels; Omniglot "
                + "drawings are " + OmniglotInk.ORIGINAL_PIXELS + "x" + OmniglotInk.ORIGINAL_PIXELS
                + " (or give them at the model's " + pixels + "x" + pixels + ")");
    }

    /** The model was trained on binary images: threshold at one half (max-pooled one-bit drawings already are). */
    private static float[] binary(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] >= 0.5f ? 1f : 0f;
        }
        return out;
    }
}
