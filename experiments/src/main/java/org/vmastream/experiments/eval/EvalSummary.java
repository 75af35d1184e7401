package org.vmastream.experiments.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vmastream.model.diagnostics.ExampleDiagnostics;

/**
 * Test-set means of the bound and its terms, with the standard error of the bound and the spread
 * of e^KL(a), roughly the number of entries the model tells apart for an example.
 *
 * @param examples       number of test examples
 * @param samples        K of each bound
 * @param memoryEntries  |M| addressed (0 without memory)
 * @param bound          mean L_K
 * @param boundError     standard error of that mean (NaN for one example)
 * @param klAddress      mean KL(q(a|x) || p(a))
 * @param klLatent       mean KL over z
 * @param reconstruction mean log p(x|z,m_a)
 * @param entriesUsed    spread of e^KL(a) over the examples
 * @param ownEntryFirst  for targets that are themselves in memory (recall), the fraction whose own
 *                       entry is q(a|x)'s most probable address; NaN when no target is in memory
 */
public record EvalSummary(
        int examples,
        int samples,
        int memoryEntries,
        double bound,
        double boundError,
        double klAddress,
        double klLatent,
        double reconstruction,
        Spread entriesUsed,
        double ownEntryFirst) {

    /**
     * Quantiles (nearest rank) of a per-example value.
     *
     * @param min    smallest
     * @param p10    10th percentile
     * @param median 50th percentile
     * @param p90    90th percentile
     * @param max    largest
     */
    public record Spread(double min, double p10, double median, double p90, double max) {
        static Spread of(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Spread(
                    sorted[0], rank(sorted, 0.1), rank(sorted, 0.5), rank(sorted, 0.9), sorted[sorted.length - 1]);
        }

        private static double rank(double[] sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.length) - 1;
            return sorted[Math.max(0, index)];
        }
    }

    /** @throws IllegalArgumentException if nothing was scored */
    public static EvalSummary of(
            List<ExampleDiagnostics> scored, int samples, int memoryEntries, double ownEntryFirst) {
        int n = scored.size();
        if (n == 0) {
            throw new IllegalArgumentException("no test examples were scored: check --limit");
        }
        double bound =
                mean(scored.stream().mapToDouble(ExampleDiagnostics::bound).toArray());
        double squares = scored.stream()
                .mapToDouble(d -> (d.bound() - bound) * (d.bound() - bound))
                .sum();
        double error = n > 1 ? Math.sqrt(squares / (n - 1) / n) : Double.NaN;
        double[] expKl =
                scored.stream().mapToDouble(d -> Math.exp(d.klAddress())).toArray();
        return new EvalSummary(
                n,
                samples,
                memoryEntries,
                bound,
                error,
                mean(scored.stream().mapToDouble(ExampleDiagnostics::klAddress).toArray()),
                mean(scored.stream().mapToDouble(ExampleDiagnostics::klLatent).toArray()),
                mean(scored.stream()
                        .mapToDouble(ExampleDiagnostics::reconstruction)
                        .toArray()),
                Spread.of(expKl),
                ownEntryFirst);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).sum() / values.length;
    }

    /** A human-readable report, several lines. */
    public String text() {
        StringBuilder s = new StringBuilder();
        s.append(format("test examples      %d, K = %d samples per bound%n", examples, samples));
        s.append(format("bound L_K          %.3f +- %.3f nats (standard error)%n", bound, boundError));
        if (memoryEntries > 0) {
            s.append(format(
                    "KL(q(a|x)||p(a))   %.3f nats (log|M| = %.3f, |M| = %d)%n",
                    klAddress, Math.log(memoryEntries), memoryEntries));
        }
        s.append(format("KL(z)              %.3f nats%n", klLatent));
        s.append(format("reconstruction     %.3f nats%n", reconstruction));
        if (memoryEntries > 0) {
            s.append(format(
                    "e^KL(a)            min %.2f  p10 %.2f  median %.2f  p90 %.2f  max %.2f%n",
                    entriesUsed.min(), entriesUsed.p10(), entriesUsed.median(), entriesUsed.p90(), entriesUsed.max()));
        }
        if (Double.isFinite(ownEntryFirst)) {
            s.append(format(
                    "own entry first    %.1f%% of targets (q(a|x) ranks the target's own exemplar first)%n",
                    100 * ownEntryFirst));
        }
        return s.toString();
    }

    /** The summary as one line of JSON. */
    public String json() {
        return format(
                "{\"examples\":%d,\"samples\":%d,\"memory_size\":%d,\"bound\":%s,\"bound_se\":%s,"
                        + "\"kl_a\":%s,\"kl_z\":%s,\"reconstruction\":%s,\"exp_kl_a\":{\"min\":%s,\"p10\":%s,"
                        + "\"median\":%s,\"p90\":%s,\"max\":%s},\"own_entry_first\":%s}",
                examples,
                samples,
                memoryEntries,
                number(bound),
                number(boundError),
                number(klAddress),
                number(klLatent),
                number(reconstruction),
                number(entriesUsed.min()),
                number(entriesUsed.p10()),
                number(entriesUsed.median()),
                number(entriesUsed.p90()),
                number(entriesUsed.max()),
                number(ownEntryFirst));
    }

    /** JSON has no NaN or infinity; those become null. */
    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
