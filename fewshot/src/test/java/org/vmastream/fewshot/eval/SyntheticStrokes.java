package org.vmastream.fewshot.eval;

import java.util.SplittableRandom;
import org.vmastream.datasets.episodes.LabelledImages;

/**
 * Small labelled binary images for tests: each class is a random 8x8 prototype, and each drawing flips a few of its
 * pixels, so that drawings of one class resemble each other more than drawings of others.
 */
public final class SyntheticStrokes implements LabelledImages {
    private static final int PIXELS = 8;
    private final float[][][] images;

    public SyntheticStrokes(int classes, int drawings, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        images = new float[classes][drawings][];
        for (int c = 0; c < classes; c++) {
            float[] prototype = new float[PIXELS * PIXELS];
            for (int i = 0; i < prototype.length; i++) {
                prototype[i] = random.nextDouble() < 0.3 ? 1 : 0;
            }
            for (int d = 0; d < drawings; d++) {
                float[] drawing = prototype.clone();
                for (int i = 0; i < drawing.length; i++) {
                    if (random.nextDouble() < 0.05) {
                        drawing[i] = 1 - drawing[i];
                    }
                }
                images[c][d] = drawing;
            }
        }
    }

    @Override
    public int classCount() {
        return images.length;
    }

    @Override
    public int dimension() {
        return PIXELS * PIXELS;
    }

    @Override
    public int drawingCount(int cls) {
        return images[cls].length;
    }

    @Override
    public float[] image(int cls, int drawing) {
        return images[cls][drawing].clone();
    }

    @Override
    public String label(int cls) {
        return "class" + cls;
    }

    @Override
    public String group(int cls) {
        return "group" + (cls % 2);
    }
}
