package org.vmastream.datasets.image;

/**
 * Resizing by area averaging: each output pixel is the mean of the input area it covers, with input pixels that
 * straddle a border weighted by the fraction inside. It keeps total ink, and so the 28x28 Omniglot of the
 * paper's unconditional experiments gets grey levels rather than the aliasing of sampling.
 */
public final class AreaResize {
    private AreaResize() {}

    /**
     * @param image  the image
     * @param height output rows, at least 1
     * @param width  output columns, at least 1
     * @return the resized image
     */
    public static GreyImage resize(GreyImage image, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("cannot resize to " + height + "x" + width);
        }
        double[][] rowWeights = weights(image.height(), height);
        double[][] colWeights = weights(image.width(), width);
        float[] out = new float[height * width];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double sum = 0;
                double area = 0;
                for (int y = 0; y < image.height(); y++) {
                    double wy = rowWeights[r][y];
                    if (wy == 0) {
                        continue;
                    }
                    for (int x = 0; x < image.width(); x++) {
                        double w = wy * colWeights[c][x];
                        sum += w * image.at(y, x);
                        area += w;
                    }
                }
                out[r * width + c] = (float) (sum / area);
            }
        }
        return new GreyImage(height, width, out);
    }

    /** {@code w[o][i]}: the length of input cell i inside output cell o, in input pixels, along one axis. */
    private static double[][] weights(int in, int out) {
        double scale = (double) in / out;
        double[][] w = new double[out][in];
        for (int o = 0; o < out; o++) {
            double start = o * scale;
            double end = start + scale;
            for (int i = (int) Math.floor(start); i < Math.min(in, (int) Math.ceil(end)); i++) {
                w[o][i] = Math.max(0, Math.min(end, i + 1) - Math.max(start, i));
            }
        }
        return w;
    }
}
