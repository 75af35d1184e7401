package org.vmastream.trainer.label;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Moves each image of a minibatch by its own random offset of at most {@link #most} pixels on each
 * axis, shifting zeros in. Training the label head on shifted copies keeps its features from
 * memorising where a stroke sits, which is what lets them tell a new kind of image from a known one
 * (docs/novelty.md). Not thread-safe: it reuses one scratch row.
 */
public final class RandomShift {
    private final int height;
    private final int width;
    private final int most;
    private final float[] scratch;

    /**
     * @param height rows of an image
     * @param width  columns of an image
     * @param most   largest offset in pixels, 0 for none
     */
    public RandomShift(int height, int width, int most) {
        if (height < 1 || width < 1 || most < 0) {
            throw new IllegalArgumentException("a shift needs a positive image size and a non-negative offset, not "
                    + height + "x" + width + " by " + most);
        }
        this.height = height;
        this.width = width;
        this.most = most;
        this.scratch = new float[height * width];
    }

    /** Whether this shifts images of {@code height} x {@code width}. */
    public boolean fits(int height, int width) {
        return this.height == height && this.width == width;
    }

    /** Shifts the {@code images} row-major images stored one after another in {@code rows}, in place. */
    public void apply(float[] rows, int images, SplittableRandom random) {
        if (most == 0) {
            return;
        }
        for (int i = 0; i < images; i++) {
            shift(rows, i * scratch.length, random.nextInt(-most, most + 1), random.nextInt(-most, most + 1));
        }
    }

    /** Moves one image down by {@code dy} and right by {@code dx} (negative: up, left). */
    void shift(float[] rows, int offset, int dy, int dx) {
        System.arraycopy(rows, offset, scratch, 0, scratch.length);
        Arrays.fill(rows, offset, offset + scratch.length, 0f);
        int fromColumn = Math.max(0, -dx);
        int toColumn = Math.min(width, width - dx);
        if (fromColumn >= toColumn) {
            return;
        }
        for (int y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
            System.arraycopy(
                    scratch,
                    y * width + fromColumn,
                    rows,
                    offset + (y + dy) * width + fromColumn + dx,
                    toColumn - fromColumn);
        }
    }
}
