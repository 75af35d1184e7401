package org.vmastream.ingest.source;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inputs passed over during one run, with where and why. Counts are kept for every skip, but only the first
 * {@value #KEPT_EXAMPLES} are kept in full: a file of a million bad rows must not fill the heap or the terminal.
 * Not thread-safe: the one thread that reads the source records here.
 */
public final class Skips {
    /** Skips kept with their location for the summary. */
    public static final int KEPT_EXAMPLES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Skips.class);

    private final Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
    private final List<Skip> examples = new ArrayList<>();
    private long total;

    /**
     * Records one skipped input.
     *
     * @param location file, file:line or archive entry, for the user to find the input
     * @param reason   the kind of problem
     * @param detail   what exactly was wrong
     */
    public void record(String location, SkipReason reason, String detail) {
        counts.merge(reason, 1L, Long::sum);
        total++;
        Skip skip = new Skip(location, reason, detail);
        if (examples.size() < KEPT_EXAMPLES) {
            examples.add(skip);
        }
        // Debug only: the summary shows the first skips, and warnings would break up the progress bar meanwhile.
        LOG.debug("skipped {}", skip);
    }

    /** How many inputs were skipped. */
    public long total() {
        return total;
    }

    /** Skips per reason, in the order of {@link SkipReason}. */
    public Map<SkipReason, Long> counts() {
        return new EnumMap<>(counts);
    }

    /** The first {@value #KEPT_EXAMPLES} skips, in the order they happened. */
    public List<Skip> examples() {
        return List.copyOf(examples);
    }

    /** One skipped input. */
    public record Skip(String location, SkipReason reason, String detail) {
        @Override
        public String toString() {
            return location + ": " + reason.description() + ": " + detail;
        }
    }
}
