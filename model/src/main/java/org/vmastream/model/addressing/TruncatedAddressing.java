package org.vmastream.model.addressing;

import java.util.Objects;

/**
 * Scoring through the top entries of q(a|x) only: q restricted to the {@code candidates} entries
 * that {@code search} returns and renormalised over them. It is still a proposal distribution over
 * the whole memory (zero elsewhere), so the importance-weighted bound computed with it stays a
 * lower bound on log p(x|M): E[w] is the sum of p(x, a) over the candidates, at most p(x|M). The
 * prior p(a) stays exact over every entry.
 *
 * @param search     finds the candidates of a query
 * @param candidates how many entries each example is scored against
 */
public record TruncatedAddressing(AddressSearch search, int candidates) {
    public TruncatedAddressing {
        Objects.requireNonNull(search, "search");
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be positive: " + candidates);
        }
    }
}
