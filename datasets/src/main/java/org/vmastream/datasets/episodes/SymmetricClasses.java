package org.vmastream.datasets.episodes;

import java.util.List;
import java.util.Objects;

/**
 * Square images with every class also transformed by some symmetries of the square, each transformed class a class
 * of its own in a group of its own: the training-set augmentation of the Omniglot few-shot literature (quarter turns:
 * Santoro et al. 2016, Vinyals et al. 2016), which multiplies the characters a model learns from without touching the
 * held-out alphabets. {@link #mirrors} over {@link #quarterTurns} gives all eight symmetries of the square.
 *
 * <p>With n symmetries, class {@code n c + s} is class {@code c} of the source under symmetry {@code s}; symmetry 0 is
 * the identity, which keeps the source's image, label and group. Any other appends its suffix to the source's label
 * and group ({@code Greek@90}, {@code Greek@90~mirror}), so a transformed alphabet is an alphabet of its own to the
 * episode sampler.
 *
 * <p>Immutable when the source is; transformed images are computed on each call (a 26x26 copy costs less than keeping
 * n times the data).
 */
public final class SymmetricClasses implements LabelledImages {
    /** Where a symmetry moves pixel (r, c) of an {@code edge x edge} image, as a row-major index. */
    @FunctionalInterface
    private interface PixelMove {
        int to(int r, int c, int edge);
    }

    /** A symmetry of the square and the suffix it gives the labels and groups of the classes it makes. */
    private record Symmetry(String suffix, PixelMove move) {}

    private static final Symmetry IDENTITY = new Symmetry("", (r, c, edge) -> r * edge + c);

    private final LabelledImages source;
    private final List<Symmetry> symmetries;
    private final int edge;

    private SymmetricClasses(LabelledImages source, List<Symmetry> symmetries) {
        this.source = Objects.requireNonNull(source, "source");
        this.symmetries = symmetries;
        this.edge = (int) Math.round(Math.sqrt(source.dimension()));
        if (edge * edge != source.dimension()) {
            throw new IllegalArgumentException("images of " + source.dimension() + " values are not square");
        }
    }

    /**
     * Every class as it is and turned by 90, 180 and 270 degrees anticlockwise (suffixes {@code @90}, {@code @180},
     * {@code @270}).
     *
     * @throws IllegalArgumentException if the source's dimension is not a square number
     */
    public static SymmetricClasses quarterTurns(LabelledImages source) {
        return new SymmetricClasses(
                source,
                List.of(
                        IDENTITY,
                        new Symmetry("@90", (r, c, edge) -> (edge - 1 - c) * edge + r),
                        new Symmetry("@180", (r, c, edge) -> (edge - 1 - r) * edge + edge - 1 - c),
                        new Symmetry("@270", (r, c, edge) -> c * edge + edge - 1 - r)));
    }

    /**
     * Every class as it is and mirrored left to right (suffix {@code ~mirror}).
     *
     * @throws IllegalArgumentException if the source's dimension is not a square number
     */
    public static SymmetricClasses mirrors(LabelledImages source) {
        return new SymmetricClasses(
                source, List.of(IDENTITY, new Symmetry("~mirror", (r, c, edge) -> r * edge + edge - 1 - c)));
    }

    @Override
    public int classCount() {
        return source.classCount() * symmetries.size();
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
        Symmetry symmetry = symmetry(cls);
        if (symmetry == IDENTITY) {
            return image;
        }
        float[] moved = new float[image.length];
        for (int r = 0; r < edge; r++) {
            for (int c = 0; c < edge; c++) {
                moved[symmetry.move().to(r, c, edge)] = image[r * edge + c];
            }
        }
        return moved;
    }

    @Override
    public String label(int cls) {
        return source.label(sourceClass(cls)) + symmetry(cls).suffix();
    }

    @Override
    public String group(int cls) {
        return source.group(sourceClass(cls)) + symmetry(cls).suffix();
    }

    private int sourceClass(int cls) {
        return Objects.checkIndex(cls, classCount()) / symmetries.size();
    }

    private Symmetry symmetry(int cls) {
        return symmetries.get(cls % symmetries.size());
    }
}
