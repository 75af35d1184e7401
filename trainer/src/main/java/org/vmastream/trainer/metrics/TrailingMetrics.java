package org.vmastream.trainer.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vmastream.model.train.StepMetrics;

/**
 * Means of the training metrics over the most recent steps (ring buffers), attached to every
 * published checkpoint and shown in the trainer's status. Names match the learning-curve columns
 * of the offline trainer.
 */
public final class TrailingMetrics {
    /** Mean bound L_K, nats. */
    public static final String BOUND = "bound";
    /** Mean KL(q(a|x) || p(a)), nats. */
    public static final String KL_ADDRESS = "kl_a";
    /** Mean KL over z, nats. */
    public static final String KL_LATENT = "kl_z";
    /** Mean reconstruction log p(x|z,m_a), nats. */
    public static final String RECONSTRUCTION = "recon";
    /** Mean wall time per step, episode and poll included, milliseconds. */
    public static final String MS_PER_STEP = "ms_per_step";
    /** How many steps the means cover. */
    public static final String STEPS = "trailing_steps";

    private final double[] bound;
    private final double[] klAddress;
    private final double[] klLatent;
    private final double[] reconstruction;
    private final double[] millis;
    private long seen;

    /** @param window how many recent steps the means cover */
    public TrailingMetrics(int window) {
        bound = new double[window];
        klAddress = new double[window];
        klLatent = new double[window];
        reconstruction = new double[window];
        millis = new double[window];
    }

    /** @param wallMillis the step's wall time including polling and drawing its episode */
    public void add(StepMetrics metrics, double wallMillis) {
        int slot = (int) (seen++ % bound.length);
        bound[slot] = metrics.bound();
        klAddress[slot] = metrics.klAddress();
        klLatent[slot] = metrics.klLatent();
        reconstruction[slot] = metrics.reconstruction();
        millis[slot] = wallMillis;
    }

    /** Steps the means cover. */
    public int count() {
        return (int) Math.min(seen, bound.length);
    }

    public double bound() {
        return mean(bound);
    }

    public double klAddress() {
        return mean(klAddress);
    }

    public double klLatent() {
        return mean(klLatent);
    }

    public double millisPerStep() {
        return mean(millis);
    }

    /** Every mean by name; empty before the first step. */
    public Map<String, Double> asMap() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (count() > 0) {
            out.put(BOUND, bound());
            out.put(KL_ADDRESS, klAddress());
            out.put(KL_LATENT, klLatent());
            out.put(RECONSTRUCTION, mean(reconstruction));
            out.put(MS_PER_STEP, millisPerStep());
            out.put(STEPS, (double) count());
        }
        return out;
    }

    /** NaN before the first step. */
    private double mean(double[] values) {
        int n = count();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
