package org.vmastream.experiments.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One row of the experiments table that {@code train --results} and {@code eval --results} share.
 * Training columns are null (written empty) for rows from {@code eval}.
 *
 * @param experiment  the experiment's name (the preset unless overridden)
 * @param memorySize  |M| (exemplars for recall, learned entries for learned-memory, 0 for the VAE)
 * @param steps       training steps of the model
 * @param wallSeconds training wall time, or null
 * @param trainBound  mean training bound over the last 1000 steps, or null
 * @param klAddress   mean training KL(q(a|x) || p(a)) over the last 1000 steps, or null
 * @param klLatent    mean training KL over z over the last 1000 steps, or null
 * @param testBound   mean test bound
 * @param testSamples K of the test bound
 */
public record ResultsRow(
        String experiment,
        int memorySize,
        long steps,
        Double wallSeconds,
        Double trainBound,
        Double klAddress,
        Double klLatent,
        double testBound,
        int testSamples) {
    /** The table's header. */
    public static final String HEADER =
            "experiment,memory_size,steps,wall_seconds,train_bound,kl_a,kl_z,test_bound,test_k";

    /** Appends this row to the table, creating it if absent. */
    public void appendTo(Path table) {
        CsvFile.append(table, HEADER, List.of(csv()));
    }

    /** The row in CSV form. */
    public String csv() {
        return String.join(
                ",",
                CsvFile.field(experiment),
                Integer.toString(memorySize),
                Long.toString(steps),
                number(wallSeconds, "%.1f"),
                number(trainBound, "%.4f"),
                number(klAddress, "%.4f"),
                number(klLatent, "%.4f"),
                number(testBound, "%.4f"),
                Integer.toString(testSamples));
    }

    private static String number(Double value, String format) {
        return value == null ? "" : String.format(Locale.ROOT, format, value);
    }
}
