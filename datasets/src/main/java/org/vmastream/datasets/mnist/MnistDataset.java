package org.vmastream.datasets.mnist;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of 28x28 MNIST images with their digit labels.
 *
 * <p>Pixels are grey levels in [0,1] (byte value / 255), stored row-major, one image after another, in a single
 * {@code float[]} of {@code size() * PIXELS} values: pixel {@code (r, c)} of image {@code i} is at
 * {@code i * PIXELS + r * COLS + c}. Accessors copy or give read-only views so the data can be shared freely
 * between threads.
 */
public final class MnistDataset {

    /** Image height in pixels. */
    public static final int ROWS = 28;
    /** Image width in pixels. */
    public static final int COLS = 28;
    /** Pixels per image. */
    public static final int PIXELS = ROWS * COLS;

    private final float[] grey;
    private final byte[] labels;

    /** Takes ownership of the arrays, which callers in this package must not modify afterwards. */
    MnistDataset(float[] grey, byte[] labels) {
        this.grey = grey;
        this.labels = labels;
    }

    /**
     * Builds a dataset from copies of the given arrays, e.g. for synthetic data in tests.
     *
     * @param grey   {@code labels.length * PIXELS} grey levels in [0,1]
     * @param labels digit labels in 0..9
     * @return the dataset
     * @throws IllegalArgumentException if the lengths disagree or a value is out of range
     */
    public static MnistDataset of(float[] grey, int[] labels) {
        if (grey.length != (long) labels.length * PIXELS) {
            throw new IllegalArgumentException(
                    "Expected " + labels.length + " * " + PIXELS + " grey levels, got " + grey.length);
        }
        for (int i = 0; i < grey.length; i++) {
            if (!(grey[i] >= 0f && grey[i] <= 1f)) { // also rejects NaN
                throw new IllegalArgumentException("Grey level " + grey[i] + " at index " + i + " is outside [0,1]");
            }
        }
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new IllegalArgumentException("Label " + labels[i] + " at index " + i + " is outside 0..9");
            }
            bytes[i] = (byte) labels[i];
        }
        return new MnistDataset(grey.clone(), bytes);
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /**
     * @param i image index
     * @return the digit (0..9) shown in image {@code i}
     */
    public int label(int i) {
        return labels[i];
    }

    /** @return a copy of all labels, in image order */
    public int[] labels() {
        int[] copy = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            copy[i] = labels[i];
        }
        return copy;
    }

    /** @return how many images show each digit; index = digit */
    public int[] labelCounts() {
        int[] counts = new int[10];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * Copies the {@link #PIXELS} grey levels of one image into {@code dest}.
     *
     * @param i          image index
     * @param dest       destination array
     * @param destOffset where in {@code dest} the image starts
     */
    public void image(int i, float[] dest, int destOffset) {
        Objects.checkIndex(i, labels.length);
        System.arraycopy(grey, i * PIXELS, dest, destOffset, PIXELS);
    }

    /**
     * @return a read-only view of all {@code size() * PIXELS} grey levels (no copy, so cheap even for the
     *         188 MB training set)
     */
    public FloatBuffer pixels() {
        return FloatBuffer.wrap(grey).asReadOnlyBuffer();
    }

    /**
     * @param indices image indices, in the order wanted; repeats allowed
     * @return a new dataset holding copies of the chosen images
     */
    public MnistDataset subset(int[] indices) {
        float[] subGrey = new float[indices.length * PIXELS];
        byte[] subLabels = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            image(indices[k], subGrey, k * PIXELS);
            subLabels[k] = labels[indices[k]];
        }
        return new MnistDataset(subGrey, subLabels);
    }

    /**
     * @param digits the digits to keep
     * @return a new dataset holding, in original order, the images whose label is one of {@code digits}
     */
    public MnistDataset filterLabels(int... digits) {
        boolean[] keep = new boolean[10];
        for (int digit : digits) {
            Objects.checkIndex(digit, keep.length);
            keep[digit] = true;
        }
        int[] indices = new int[labels.length];
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (keep[labels[i]]) {
                indices[n++] = i;
            }
        }
        return subset(Arrays.copyOf(indices, n));
    }

    /** Direct access for {@link Binarizer}, which must not allocate per batch. Never modify. */
    float[] greyArray() {
        return grey;
    }
}
