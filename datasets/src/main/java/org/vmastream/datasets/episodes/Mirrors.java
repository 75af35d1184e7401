package org.vmastream.datasets.episodes;

import java.util.Objects;

/**
 * Square images with every class also mirrored left to right, the mirror image a class of its own in a group of its
 * own. Over {@link QuarterTurns} it gives all eight symmetries of the square: a training-set augmentation that
 * multiplies the characters a model learns from without touching the held-out alphabets.
 *
 * <p>Class {@code 2c + f} is class {@code c} of the source, mirrored when {@code f = 1}; class {@code 2c} is the
 * source image with the source's label and group. A mirrored class's group is its source group with {@code ~mirror}
 * appended ({@code Greek@90~mirror}).
 *
 * <p>Immutable when the source is; mirrored images are computed on each call.
 */
public final class Mirrors implements LabelledImages {
    private static final int SIDES = 2;
    private static final String SUFFIX = "~mirror";

    private final LabelledImages source;
    private final int edge;

    /**
     * @param source square images
     * @throws IllegalArgumentException if the source's dimension is not a square number
     */
    public Mirrors(LabelledImages source) {
        this.source = Objects.requireNonNull(source, "source");
        this.edge = (int) Math.round(Math.sqrt(source.dimension()));
        if (edge * edge != source.dimension()) {
            throw new IllegalArgumentException("images of " + source.dimension() + " values are not square");
        }
    }

    @Override
    public int classCount() {
        return source.classCount() * SIDES;
    }

    @Override
    public int dimension() {
        return source.dimension();
    }

    @Override
    public int drawingCount(int cls) {
        return source.drawingCount(sourceClass(cls));
    }

    @Override
    public float[] image(int cls, int drawing) {
        float[] image = source.image(sourceClass(cls), drawing);
        return mirrored(cls) ? mirror(image, edge) : image;
    }

    @Override
    public String label(int cls) {
        return source.label(sourceClass(cls)) + (mirrored(cls) ? SUFFIX : "");
    }

    @Override
    public String group(int cls) {
        return source.group(sourceClass(cls)) + (mirrored(cls) ? SUFFIX : "");
    }

    private int sourceClass(int cls) {
        return Objects.checkIndex(cls, classCount()) / SIDES;
    }

    private static boolean mirrored(int cls) {
        return cls % SIDES == 1;
    }

    /** The left-right mirror image of a row-major {@code edge x edge} image: pixel (r, c) moves to (r, edge-1-c). */
    static float[] mirror(float[] image, int edge) {
        float[] mirrored = new float[image.length];
        for (int r = 0; r < edge; r++) {
            for (int c = 0; c < edge; c++) {
                mirrored[r * edge + edge - 1 - c] = image[r * edge + c];
            }
        }
        return mirrored;
    }
}
