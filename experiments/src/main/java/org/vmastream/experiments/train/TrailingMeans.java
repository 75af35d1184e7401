package org.vmastream.experiments.train;

import org.vmastream.model.train.StepMetrics;

/**
 * Means of the bound, both KL terms and the step time over the most recent steps, kept in ring
 * buffers: the results table reports the last 1000 steps, the progress bar the last few dozen.
 */
final class TrailingMeans {
    private final double[] bound;
    private final double[] klAddress;
    private final double[] klLatent;
    private final double[] millis;
    private long seen;

    TrailingMeans(int capacity) {
        bound = new double[capacity];
        klAddress = new double[capacity];
        klLatent = new double[capacity];
        millis = new double[capacity];
    }

    /** @param wallMillis the step's wall time including drawing its data */
    void add(StepMetrics metrics, double wallMillis) {
        int slot = (int) (seen++ % bound.length);
        bound[slot] = metrics.bound();
        klAddress[slot] = metrics.klAddress();
        klLatent[slot] = metrics.klLatent();
        millis[slot] = wallMillis;
    }

    /** Means over the last min(capacity, steps seen) steps; NaN before any step. */
    TrainMeans means() {
        int n = (int) Math.min(seen, bound.length);
        return new TrainMeans(n, mean(bound, n), mean(klAddress, n), mean(klLatent, n), mean(millis, n));
    }

    private static double mean(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
