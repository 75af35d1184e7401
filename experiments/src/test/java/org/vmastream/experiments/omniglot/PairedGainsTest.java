package org.vmastream.experiments.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vmastream.experiments.omniglot.TargetBounds.Target;

class PairedGainsTest {
    @Test
    void pairsTargetByTargetWithinEachCell() {
        Map<Target, Double> model = Map.of(
                new Target(1, 1, 0),
                -80.0,
                new Target(1, 1, 1),
                -100.0,
                new Target(1, 1, 2),
                -90.0,
                new Target(1, 3, 0),
                -70.0);
        Map<Target, Double> baseline = Map.of(
                new Target(1, 1, 0),
                -81.0,
                new Target(1, 1, 1),
                -103.0,
                new Target(1, 1, 2),
                -92.0,
                new Target(1, 3, 0),
                -69.0);

        List<PairedGains.Gain> gains = PairedGains.of(model, baseline, UnaryOperator.identity());

        assertThat(gains).hasSize(2);
        PairedGains.Gain first = gains.get(0);
        assertThat(first.examples()).isEqualTo(1);
        assertThat(first.targets()).isEqualTo(3);
        assertThat(first.mean()).isCloseTo(2.0, within(1e-12));
        // Differences 1, 3, 2: sample variance 1, standard error 1 / sqrt(3).
        assertThat(first.stdError()).isCloseTo(1 / Math.sqrt(3), within(1e-12));
        assertThat(gains.get(1).mean()).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void mapsEveryRowOntoTheBaselinesOneRowAndSkipsUnpairedTargets() {
        Map<Target, Double> model =
                Map.of(new Target(1, 2, 0), -50.0, new Target(57, 2, 0), -52.0, new Target(57, 2, 1), -60.0);
        Map<Target, Double> vae = Map.of(new Target(1, 2, 0), -55.0);

        List<PairedGains.Gain> gains = PairedGains.of(model, vae, t -> new Target(1, t.examples(), t.index()));

        assertThat(gains).extracting(PairedGains.Gain::classes).containsExactly(1, 57);
        assertThat(gains).extracting(PairedGains.Gain::mean).containsExactly(5.0, 3.0);
        assertThat(gains.get(1).targets()).isEqualTo(1);
    }

    @Test
    void overallPairsEveryTargetOfEveryCellAndCountsWins() {
        Map<Target, Double> model = Map.of(
                new Target(1, 1, 0),
                -80.0,
                new Target(1, 1, 1),
                -100.0,
                new Target(8, 3, 0),
                -70.0,
                new Target(8, 3, 1),
                -60.0);
        Map<Target, Double> baseline =
                Map.of(new Target(1, 1, 0), -81.0, new Target(1, 1, 1), -103.0, new Target(8, 3, 0), -69.0);

        PairedGains.Overall all =
                PairedGains.overall(model, baseline, UnaryOperator.identity()).orElseThrow();

        assertThat(all.targets()).isEqualTo(3);
        assertThat(all.better()).isEqualTo(2);
        // Differences 1, 3, -1: mean 1, sample variance 4, standard error 2 / sqrt(3).
        assertThat(all.mean()).isCloseTo(1.0, within(1e-12));
        assertThat(all.stdError()).isCloseTo(2 / Math.sqrt(3), within(1e-12));
        assertThat(PairedGains.overall(model, Map.of(), UnaryOperator.identity()))
                .isEmpty();
    }
}
