package org.vmastream.trainer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vmastream.schemas.Exemplar;

/** Exemplars for tests: explicit values, or noisy copies of a few class prototypes. */
public final class TestExemplars {
    private TestExemplars() {}

    /** An exemplar of shape [values.length]. */
    public static Exemplar of(String id, String label, float... values) {
        return withShape(id, label, List.of(values.length), values);
    }

    /** An exemplar with an explicit shape (which may disagree with the values). */
    public static Exemplar withShape(String id, String label, List<Integer> shape, float... values) {
        List<Float> data = new ArrayList<>(values.length);
        for (float value : values) {
            data.add(value);
        }
        return new Exemplar(
                id,
                "set-" + Math.floorMod(id.hashCode(), 4),
                label,
                shape,
                data,
                Instant.ofEpochMilli(1_700_000_000_000L),
                "test");
    }

    /**
     * {@code count} labelled grey-level exemplars of {@code dimension} values: {@code classes}
     * prototypes with values near 0.1 or 0.9, each exemplar a prototype plus small noise.
     */
    public static List<Exemplar> patterns(SplittableRandom random, int count, int classes, int dimension) {
        float[][] prototypes = new float[classes][dimension];
        for (float[] prototype : prototypes) {
            for (int i = 0; i < dimension; i++) {
                prototype[i] = random.nextBoolean() ? 0.9f : 0.1f;
            }
        }
        List<Exemplar> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int label = random.nextInt(classes);
            float[] values = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                values[i] = prototypes[label][i] + (float) random.nextDouble(-0.05, 0.05);
            }
            out.add(of("e" + n, "class-" + label, values));
        }
        return out;
    }

    /** An exemplar of {@code dimension} copies of one grey level. */
    public static Exemplar uniform(String id, String label, int dimension, float grey) {
        float[] values = new float[dimension];
        java.util.Arrays.fill(values, grey);
        return of(id, label, values);
    }
}
