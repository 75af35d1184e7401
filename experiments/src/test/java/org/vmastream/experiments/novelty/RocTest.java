package org.vmastream.experiments.novelty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RocTest {
    @Test
    void aurocIsTheShareOfPositiveNegativePairsRankedRightTiesHalf() {
        boolean[] labels = {true, false, true, false, false};
        assertThat(new Roc(new double[] {5, 1, 4, 2, 3}, labels).auroc()).isEqualTo(1.0);
        assertThat(new Roc(new double[] {1, 5, 2, 4, 3}, labels).auroc()).isEqualTo(0.0);
        assertThat(new Roc(new double[] {1, 1, 1, 1, 1}, labels).auroc()).isEqualTo(0.5);
        // Pairs (positive, negative): 4 beats 1 and 2, loses to 3... positives 4 and 2, negatives 1, 3, 2 (tie).
        double expected = (1 + 0 + 0.5 + 1 + 1 + 1) / 6.0;
        assertThat(new Roc(new double[] {2, 1, 4, 2, 3}, labels).auroc()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void theCurveRunsFromTheOriginToTheCornerAndItsAreaIsTheAuroc() {
        boolean[] labels = {true, false, true, false, false, true, false};
        Roc roc = new Roc(new double[] {0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.1}, labels);
        double[][] curve = roc.curve();
        assertThat(curve[0][0]).isZero();
        assertThat(curve[1][0]).isZero();
        assertThat(curve[0][curve[0].length - 1]).isEqualTo(1.0);
        assertThat(curve[1][curve[1].length - 1]).isEqualTo(1.0);
        double area = 0;
        for (int i = 1; i < curve[0].length; i++) {
            area += (curve[0][i] - curve[0][i - 1]) * (curve[1][i] + curve[1][i - 1]) / 2;
        }
        assertThat(area).isCloseTo(roc.auroc(), within(1e-12));
    }

    @Test
    void theBootstrapIntervalHoldsTheEstimateAndNarrowsWithMoreData() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        Roc small = noisy(random, 100);
        Roc large = noisy(random, 4000);
        double[] smallInterval = small.interval(200, 3);
        double[] largeInterval = large.interval(200, 3);
        assertThat(small.auroc()).isBetween(smallInterval[0], smallInterval[1]);
        assertThat(large.auroc()).isBetween(largeInterval[0], largeInterval[1]);
        assertThat(largeInterval[1] - largeInterval[0]).isLessThan((smallInterval[1] - smallInterval[0]) / 3);
    }

    private static Roc noisy(java.util.SplittableRandom random, int n) {
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4 == 0;
            scores[i] = random.nextDouble() + (labels[i] ? 0.5 : 0);
        }
        return new Roc(scores, labels);
    }
}
