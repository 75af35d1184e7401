package org.vmastream.scorer.cache;

import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.scorer.ScorerSettings;

/**
 * When a memory set is scored through the top entries of q(a|x) that a key index finds
 * ({@link org.vmastream.model.addressing.TruncatedAddressing}) instead of against every entry.
 *
 * @param above      entries above which a set is scored through the index; exact at or below
 * @param candidates entries each event is scored against on that path
 * @param index      how the HNSW index is built and searched
 */
public record TruncationPolicy(int above, int candidates, KeyIndex.Settings index) {
    /** Exact scoring for every memory, however large. */
    public static final TruncationPolicy NEVER = new TruncationPolicy(Integer.MAX_VALUE, 32, KeyIndex.Settings.DEFAULT);

    public TruncationPolicy {
        if (above < 1 || candidates < 1) {
            throw new IllegalArgumentException("scorer.truncate.above and scorer.truncate.candidates must be positive: "
                    + above + ", " + candidates);
        }
    }

    /** From {@code scorer.truncate.*}. */
    public static TruncationPolicy from(Settings settings) {
        ParsedSettings values = settings.parse(ScorerSettings.SCORING.definition());
        return new TruncationPolicy(
                values.integer(ScorerSettings.TRUNCATE_ABOVE),
                values.integer(ScorerSettings.TRUNCATE_CANDIDATES),
                new KeyIndex.Settings(
                        values.integer(ScorerSettings.INDEX_CONNECTIONS),
                        values.integer(ScorerSettings.INDEX_BEAM),
                        values.integer(ScorerSettings.SEARCH_MARGIN)));
    }

    /** Whether a memory of {@code entries} is scored through the index. */
    public boolean truncates(int entries) {
        return entries > above;
    }
}
