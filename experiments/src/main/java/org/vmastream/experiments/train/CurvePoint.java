package org.vmastream.experiments.train;

import java.util.Locale;

/**
 * One row of the learning curve: means over the steps since the previous row.
 *
 * @param step           last step of the window
 * @param bound          mean training bound L_K
 * @param klAddress      mean KL(q(a|x) || p(a))
 * @param klLatent       mean KL(q(z|m_a,x) || p(z|m_a))
 * @param reconstruction mean log p(x|z,m_a)
 * @param msPerStep      mean wall time per step, data included
 */
public record CurvePoint(
        long step, double bound, double klAddress, double klLatent, double reconstruction, double msPerStep) {
    /** The CSV header of {@code learning-curve.csv}. */
    public static final String HEADER = "step,bound,kl_a,kl_z,recon,ms_per_step";

    /** This row in CSV form (no line break). */
    public String csv() {
        return String.format(
                Locale.ROOT,
                "%d,%.6f,%.6f,%.6f,%.6f,%.3f",
                step,
                bound,
                klAddress,
                klLatent,
                reconstruction,
                msPerStep);
    }

    /** Reads a row written by {@link #csv()}. */
    public static CurvePoint parse(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 6) {
            throw new IllegalArgumentException("learning-curve row '" + line + "' does not have 6 columns");
        }
        return new CurvePoint(
                Long.parseLong(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]));
    }
}
