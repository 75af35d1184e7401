package org.vmastream.ingest.produce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vmastream.ingest.source.SkipReason;
import org.vmastream.ingest.source.Skips;

/**
 * What one run did.
 *
 * @param topic        where the records went
 * @param sent         records the broker acknowledged
 * @param failed       records that could not be delivered
 * @param firstFailure why the first of them failed, or null
 * @param skipped      inputs passed over, per reason
 * @param examples     the first skipped inputs, with where and why
 * @param elapsed      wall time from the first read to the last acknowledgement
 */
public record IngestSummary(
        String topic,
        long sent,
        long failed,
        String firstFailure,
        Map<SkipReason, Long> skipped,
        List<Skips.Skip> examples,
        Duration elapsed) {
    /** Copies the collections. */
    public IngestSummary {
        skipped = Map.copyOf(skipped);
        examples = List.copyOf(examples);
    }

    /** Inputs skipped for any reason. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Acknowledged records per second of elapsed time. */
    public double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? sent / seconds : 0;
    }

    /** Whether every record sent was delivered and at least one was. */
    public boolean succeeded() {
        return failed == 0 && sent > 0;
    }

    /** The summary as lines for the terminal. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "sent %d records to %s in %.1f s (%.0f records/s)",
                sent,
                topic,
                elapsed.toNanos() / 1e9,
                recordsPerSecond()));
        if (sent == 0 && failed == 0) {
            lines.add("nothing was sent: the source held no usable items");
        }
        if (failed > 0) {
            lines.add("failed " + failed + " records; first failure: " + firstFailure);
        }
        if (skippedTotal() > 0) {
            StringBuilder reasons = new StringBuilder();
            for (SkipReason reason : SkipReason.values()) {
                Long count = skipped.get(reason);
                if (count != null) {
                    reasons.append(reasons.length() == 0 ? "" : ", ")
                            .append(count)
                            .append(' ')
                            .append(reason.description());
                }
            }
            lines.add("skipped " + skippedTotal() + " inputs: " + reasons);
            examples.forEach(skip -> lines.add("  " + skip));
            if (examples.size() < skippedTotal()) {
                lines.add("  ... and " + (skippedTotal() - examples.size()) + " more");
            }
        }
        return lines;
    }
}
