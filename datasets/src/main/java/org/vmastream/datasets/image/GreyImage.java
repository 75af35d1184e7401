package org.vmastream.datasets.image;

import java.util.Objects;

/**
 * A single-channel image of values in [0,1], row-major: pixel {@code (r, c)} is at {@code r * width + c}.
 * The array is owned by the image; nobody modifies it afterwards.
 *
 * @param height rows
 * @param width  columns
 * @param values {@code height * width} values
 */
public record GreyImage(int height, int width, float[] values) {
    /** Checks that the dimensions are positive and match the number of values. */
    public GreyImage {
        Objects.requireNonNull(values, "values");
        if (height < 1 || width < 1 || (long) height * width != values.length) {
            throw new IllegalArgumentException(
                    "a " + height + "x" + width + " image cannot hold " + values.length + " values");
        }
    }

    /** The value at row {@code r}, column {@code c}. */
    public float at(int r, int c) {
        return values[r * width + c];
    }

    /** {@code [height, width]}, the shape of an item made of this image. */
    public int[] shape() {
        return new int[] {height, width};
    }

    /** The image with every value {@code v} replaced by {@code 1 - v}, e.g. black ink on white paper to ink = 1. */
    public GreyImage inverted() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 1f - values[i];
        }
        return new GreyImage(height, width, out);
    }
}
