package org.vmastream.fewshot.conv;

import java.util.ArrayList;
import java.util.List;

/**
 * Shape of the convolutional models (MODEL.md, Omniglot): 6 conv 3x3 layers with stride 2 every second layer,
 * an MLP head with one hidden layer, a decoder of transposed convolutions with skip connections from the
 * pyramid of m, and a matching space for the address embeddings.
 *
 * @param kind         which model
 * @param pixels       edge of the square binary images (26 for the paper's 4x4-pooled Omniglot)
 * @param maps         feature maps of every conv layer (the paper: 48 or 64; 32 fits two CPU cores)
 * @param latent       |z| (the paper: 64)
 * @param hidden       units of the MLP heads' hidden layer
 * @param matching     dimension of the address matching space (the paper: 128)
 * @param learnedPrior p(a) from a learned query e_p (true) or flat 1/|M| (false)
 */
public record ConvConfig(
        ModelKind kind, int pixels, int maps, int latent, int hidden, int matching, boolean learnedPrior) {
    /** Conv layers in every downscaling stack. */
    public static final int CONV_LAYERS = 6;

    public ConvConfig {
        if (kind == null) {
            throw new IllegalArgumentException("model kind is required");
        }
        if (pixels < 4) {
            throw new IllegalArgumentException("images must be at least 4x4 pixels, got " + pixels);
        }
        positive("maps", maps);
        positive("latent", latent);
        positive("hidden", hidden);
        positive("matching", matching);
        for (int level = 1; level < 4; level++) {
            int kernel = upKernel(level);
            if (kernel < 2 || kernel > 4) {
                throw new IllegalArgumentException(pixels + "x" + pixels + " images give a pyramid " + levelSizes()
                        + " that transposed convolutions cannot retrace");
            }
        }
    }

    /** The paper's few-shot architecture at 26x26 with {@code maps} feature maps. */
    public static ConvConfig paper(ModelKind kind, int maps) {
        return new ConvConfig(kind, 26, maps, 64, 256, 128, true);
    }

    /** Pixels per image. */
    public int dimension() {
        return pixels * pixels;
    }

    /**
     * Edges of the pyramid levels the decoder reads: level 0 is the input resolution, levels 1..3 follow each
     * stride-2 layer (SAME padding: 26, 13, 7, 4).
     */
    public List<Integer> levelSizes() {
        List<Integer> sizes = new ArrayList<>();
        int edge = pixels;
        sizes.add(edge);
        for (int i = 0; i < 3; i++) {
            edge = (edge + 1) / 2;
            sizes.add(edge);
        }
        return sizes;
    }

    /**
     * Kernel of the transposed convolution from level {@code level} up to level {@code level - 1} with stride 2
     * and padding 1: the output edge is 2 (in - 1) + k - 2, so k = out - 2 in + 4 retraces the SAME pyramid.
     */
    public int upKernel(int level) {
        List<Integer> sizes = levelSizes();
        return sizes.get(level - 1) - 2 * sizes.get(level) + 4;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
