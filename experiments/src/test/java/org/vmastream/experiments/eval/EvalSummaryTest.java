package org.vmastream.experiments.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vmastream.model.diagnostics.ExampleDiagnostics;

class EvalSummaryTest {

    private static ExampleDiagnostics example(double bound, double klAddress) {
        return new ExampleDiagnostics(
                bound, 10, bound + 5, klAddress, 0, 3, List.of(), -1, Double.NaN, Double.NaN, false);
    }

    @Test
    void meansStandardErrorAndSpread() {
        List<ExampleDiagnostics> scored = IntStream.rangeClosed(1, 10)
                .mapToObj(i -> example(-100 - i, Math.log(i)))
                .toList();

        EvalSummary summary = EvalSummary.of(scored, 10, 16, 0.75);

        assertThat(summary.bound()).isCloseTo(-105.5, within(1e-12));
        // sample standard deviation of 1..10 is sqrt(55/6)
        assertThat(summary.boundError()).isCloseTo(Math.sqrt(55.0 / 6) / Math.sqrt(10), within(1e-12));
        assertThat(summary.klLatent()).isEqualTo(3);
        assertThat(summary.entriesUsed().min()).isCloseTo(1, within(1e-12));
        assertThat(summary.entriesUsed().p10()).isCloseTo(1, within(1e-12));
        assertThat(summary.entriesUsed().median()).isCloseTo(5, within(1e-12));
        assertThat(summary.entriesUsed().p90()).isCloseTo(9, within(1e-12));
        assertThat(summary.entriesUsed().max()).isCloseTo(10, within(1e-12));
        assertThat(summary.text()).contains("own entry first    75.0% of targets");
        assertThat(summary.json()).endsWith("\"own_entry_first\":0.75}");
    }

    @Test
    void jsonHasNoNaN() {
        EvalSummary single = EvalSummary.of(List.of(example(-90, 0)), 10, 0, Double.NaN);
        assertThat(single.json())
                .contains("\"bound_se\":null")
                .contains("\"own_entry_first\":null")
                .doesNotContain("NaN");
        assertThat(single.text()).doesNotContain("own entry first");
    }
}
