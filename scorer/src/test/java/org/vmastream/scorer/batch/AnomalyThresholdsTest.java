package org.vmastream.scorer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmastream.scorer.AnomalyPolicy;

class AnomalyThresholdsTest {
    @Test
    void theFixedThresholdHoldsUntilTheWindowIsWarm() {
        AnomalyThresholds thresholds = new AnomalyThresholds(new AnomalyPolicy(-100, 0.1, 50, 20));
        for (int i = 0; i < 19; i++) {
            thresholds.record("s", -i);
        }
        assertThat(thresholds.threshold("s")).isEqualTo(-100);
        thresholds.record("s", -19);
        // Bounds 0..-19: "bound < threshold" must flag 10% of them, -19 and -18, so the threshold is -17.
        assertThat(thresholds.threshold("s")).isEqualTo(-17);
        assertThat(thresholds.threshold("other")).isEqualTo(-100);
    }

    @Test
    void theQuantileFollowsOnlyTheRecentBounds() {
        AnomalyThresholds thresholds = new AnomalyThresholds(new AnomalyPolicy(-100, 0.5, 10, 10));
        for (int i = 0; i < 10; i++) {
            thresholds.record("s", -1000 - i);
        }
        assertThat(thresholds.threshold("s")).isLessThan(-1000);
        for (int i = 0; i < 10; i++) {
            thresholds.record("s", -50 - i);
        }
        assertThat(thresholds.threshold("s")).isBetween(-59.0, -50.0);
    }

    @Test
    void aZeroQuantileMeansAFixedThreshold() {
        AnomalyThresholds thresholds = new AnomalyThresholds(AnomalyPolicy.fixed(-7));
        thresholds.record("s", -1);
        assertThat(thresholds.threshold("s")).isEqualTo(-7);
    }
}
