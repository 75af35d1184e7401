package org.vmastream.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmastream.ingest.source.SkipReason;
import org.vmastream.ingest.source.Skips;

class IngestSummaryTest {
    @Test
    void shouldReportRateSkipsPerReasonAndTheFirstSkippedInputs() {
        Skips skips = new Skips();
        for (int line = 1; line <= Skips.KEPT_EXAMPLES + 2; line++) {
            skips.record("f.csv:" + line, SkipReason.RAGGED_ROW, "3 cells, expected 4");
        }
        skips.record("x.png", SkipReason.UNREADABLE_IMAGE, "not an image format ImageIO can read");

        IngestSummary summary =
                new IngestSummary("vma.events", 500, 0, null, skips.counts(), skips.examples(), Duration.ofSeconds(2));

        List<String> lines = summary.lines();
        assertThat(lines.get(0)).isEqualTo("sent 500 records to vma.events in 2.0 s (250 records/s)");
        assertThat(lines.get(1)).isEqualTo("skipped 13 inputs: 1 unreadable image, 12 ragged row");
        assertThat(lines.get(2)).isEqualTo("  f.csv:1: ragged row: 3 cells, expected 4");
        assertThat(lines).hasSize(2 + Skips.KEPT_EXAMPLES + 1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  ... and 3 more");
        assertThat(summary.succeeded()).isTrue();
    }

    @Test
    void shouldCallARunThatSentNothingAFailure() {
        IngestSummary summary = new IngestSummary("t", 0, 0, null, Map.of(), List.of(), Duration.ofMillis(5));

        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.lines()).contains("nothing was sent: the source held no usable items");
    }
}
