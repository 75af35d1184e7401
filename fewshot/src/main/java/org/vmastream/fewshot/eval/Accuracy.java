package org.vmastream.fewshot.eval;

import java.util.Locale;

/**
 * Few-shot classification accuracy over episodes, with a normal-approximation 95% interval from the spread of the
 * per-episode accuracies (queries within an episode share their support set, so they are not independent).
 *
 * @param ways     classes per episode
 * @param shots    support examples per class
 * @param method   {@code q(a|x)} or {@code importance-K}
 * @param episodes episodes run
 * @param queries  queries classified
 * @param mean     mean accuracy
 * @param halfWidth half-width of the 95% interval
 */
public record Accuracy(int ways, int shots, String method, int episodes, int queries, double mean, double halfWidth) {
    /** CSV header matching {@link #csv(String)}. */
    public static final String HEADER = "model,ways,shots,method,episodes,queries,accuracy,ci95";

    /** From per-episode accuracies. */
    public static Accuracy of(int ways, int shots, String method, double[] perEpisode, int queries) {
        int n = perEpisode.length;
        double mean = 0;
        for (double a : perEpisode) {
            mean += a / n;
        }
        double variance = 0;
        for (double a : perEpisode) {
            variance += (a - mean) * (a - mean) / Math.max(1, n - 1);
        }
        return new Accuracy(ways, shots, method, n, queries, mean, 1.96 * Math.sqrt(variance / n));
    }

    /** One CSV row. */
    public String csv(String model) {
        return String.format(
                Locale.ROOT,
                "%s,%d,%d,%s,%d,%d,%.4f,%.4f",
                model,
                ways,
                shots,
                method,
                episodes,
                queries,
                mean,
                halfWidth);
    }
}
