package org.vmastream.datasets.episodes;

import java.util.Objects;

/**
 * Square images with every class also turned by 90, 180 and 270 degrees, each turn a class of its own in a group
 * of its own: the training-set augmentation of the Omniglot few-shot literature (Santoro et al. 2016, Vinyals et
 * al. 2016), which quadruples the characters a model learns from without touching the held-out alphabets.
 *
 * <p>Class {@code 4c + t} is class {@code c} of the source turned {@code t} quarter turns anticlockwise; turn 0 is
 * the source image, with the source's label and group. A turned class's group is its source group with the turn
 * appended ({@code Greek@90}), so a turned alphabet is an alphabet of its own to the episode sampler.
 *
 * <p>Immutable when the source is; turned images are computed on each call (a 26x26 copy costs less than keeping
 * four times the data).
 */
public final class QuarterTurns implements LabelledImages {
    private static final int TURNS = 4;

    private final LabelledImages source;
    private final int edge;

    /**
     * @param source square images
     * @throws IllegalArgumentException if the source's dimension is not a square number
     */
    public QuarterTurns(LabelledImages source) {
        this.source = Objects.requireNonNull(source, "source");
        this.edge = (int) Math.round(Math.sqrt(source.dimension()));
        if (edge * edge != source.dimension()) {
            throw new IllegalArgumentException("images of " + source.dimension() + " values are not square");
        }
    }

    @Override
    public int classCount() {
        return source.classCount() * TURNS;
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
        for (int t = 0; t < turns(cls); t++) {
            image = quarterTurn(image, edge);
        }
        return image;
    }

    @Override
    public String label(int cls) {
        return source.label(sourceClass(cls)) + suffix(cls);
    }

    @Override
    public String group(int cls) {
        return source.group(sourceClass(cls)) + suffix(cls);
    }

    private int sourceClass(int cls) {
        return Objects.checkIndex(cls, classCount()) / TURNS;
    }

    private static int turns(int cls) {
        return cls % TURNS;
    }

    private static String suffix(int cls) {
        return turns(cls) == 0 ? "" : "@" + 90 * turns(cls);
    }

    /** One anticlockwise quarter turn of a row-major {@code edge x edge} image: pixel (r, c) moves to (edge-1-c, r). */
    static float[] quarterTurn(float[] image, int edge) {
        float[] turned = new float[image.length];
        for (int r = 0; r < edge; r++) {
            for (int c = 0; c < edge; c++) {
                turned[(edge - 1 - c) * edge + r] = image[r * edge + c];
            }
        }
        return turned;
    }
}
