package org.vmastream.bench;

import java.util.Locale;
import org.vmastream.experiments.results.CsvFile;

/**
 * One measurement in {@code bench.csv}.
 *
 * @param benchmark    what was measured, e.g. "train_step"
 * @param parameters   its settings and the machine, "key=value" pairs joined by ';'
 * @param value        the measurement
 * @param unit         its unit
 * @param ratioToSgemm value over the machine's SGEMM rate, or null where that means nothing
 */
public record BenchRow(String benchmark, String parameters, double value, String unit, Double ratioToSgemm) {
    /** The header of {@code bench.csv}. */
    public static final String HEADER = "benchmark,parameters,value,unit,ratio_to_sgemm";

    /** This row as a line of {@code bench.csv}. */
    public String csv() {
        return String.join(
                ",",
                benchmark,
                CsvFile.field(parameters),
                String.format(Locale.ROOT, "%.4f", value),
                unit,
                ratioToSgemm == null ? "" : String.format(Locale.ROOT, "%.4f", ratioToSgemm));
    }
}
