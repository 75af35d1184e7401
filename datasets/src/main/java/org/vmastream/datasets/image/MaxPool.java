package org.vmastream.datasets.image;

/**
 * Non-overlapping max-pooling: each output pixel is the largest value of a {@code size x size} block. Rows and
 * columns past the last whole block are dropped, so a 105x105 Omniglot image pools with size 4 to 26x26 from its
 * top-left 104x104 pixels, as in the paper's few-shot experiments.
 */
public final class MaxPool {
    private MaxPool() {}

    /**
     * @param image the image, at least {@code size} pixels high and wide
     * @param size  block edge in pixels, at least 1
     * @return the pooled image, {@code floor(height / size) x floor(width / size)}
     */
    public static GreyImage pool(GreyImage image, int size) {
        if (size < 1 || image.height() < size || image.width() < size) {
            throw new IllegalArgumentException("cannot max-pool a " + image.height() + "x" + image.width()
                    + " image with " + size + "x" + size + " blocks");
        }
        int height = image.height() / size;
        int width = image.width() / size;
        float[] out = new float[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int dr = 0; dr < size; dr++) {
                    for (int dc = 0; dc < size; dc++) {
                        max = Math.max(max, image.at(r * size + dr, c * size + dc));
                    }
                }
                out[r * width + c] = max;
            }
        }
        return new GreyImage(height, width, out);
    }
}
