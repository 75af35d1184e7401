package org.vmastream.experiments.novelty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Dl4jVaeBaselineTest {
    private static final int SIDE = 8;
    private static final int DIMENSION = SIDE * SIDE;
    /** A fixed number of minibatches, not a time, so that the result does not depend on the machine's load. */
    private static final long STEPS = 300;

    @TempDir
    Path dir;

    @Test
    void shouldScoreUnseenPatternsAsMoreAnomalousWhenTrainedOnOthers() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        float[] training = images(400, false, random);
        Path file = dir.resolve("vae.zip");
        Dl4jVaeBaseline vae = Dl4jVaeBaseline.trainOrLoad(file, training, DIMENSION, Duration.ofHours(1), STEPS, 3);
        double[] seen = vae.anomaly(images(50, false, random), DIMENSION);
        double[] unseen = vae.anomaly(images(50, true, random), DIMENSION);
        assertThat(new Roc(concat(seen, unseen), positives(seen.length, unseen.length)).auroc())
                .isGreaterThan(0.95);
        // Saved and restored (not trained again), it still tells the two apart.
        Dl4jVaeBaseline restored = Dl4jVaeBaseline.trainOrLoad(file, new float[0], DIMENSION, Duration.ZERO, 0, 3);
        double[] again = concat(
                restored.anomaly(images(50, false, random), DIMENSION),
                restored.anomaly(images(50, true, random), DIMENSION));
        assertThat(new Roc(again, positives(50, 50)).auroc()).isGreaterThan(0.95);
    }

    /** Noisy vertical bars (seen) or horizontal bars (unseen) on an 8x8 grid. */
    private static float[] images(int count, boolean horizontal, SplittableRandom random) {
        float[] out = new float[count * DIMENSION];
        for (int i = 0; i < count; i++) {
            int bar = random.nextInt(SIDE);
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean on = (horizontal ? y : x) == bar;
                    boolean flip = random.nextDouble() < 0.03;
                    out[i * DIMENSION + y * SIDE + x] = (on ^ flip) ? 1f : 0f;
                }
            }
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static boolean[] positives(int negatives, int positives) {
        boolean[] out = new boolean[negatives + positives];
        Arrays.fill(out, negatives, out.length, true);
        return out;
    }
}
