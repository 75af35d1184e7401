package org.vmastream.scorer.batch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.vmastream.scorer.AnomalyPolicy;

/**
 * The anomaly threshold in force for each memory set: fixed, or a low quantile of the set's
 * recent bounds, which keeps flagging the least likely events as models and memories change.
 * Recent bounds are kept per stream task in memory (a restart warms up again). One stream thread.
 */
final class AnomalyThresholds {
    private final AnomalyPolicy policy;
    private final Map<String, Window> windows = new HashMap<>();

    AnomalyThresholds(AnomalyPolicy policy) {
        this.policy = policy;
    }

    /** The threshold for the set's next batch. */
    double threshold(String set) {
        Window window = windows.get(set);
        if (policy.quantile() <= 0 || window == null || window.count < policy.warmup()) {
            return policy.fixedThreshold();
        }
        return window.quantile(policy.quantile());
    }

    /** Adds scored bounds to the set's window. */
    void record(String set, double bound) {
        windows.computeIfAbsent(set, s -> new Window(policy.window())).add(bound);
    }

    private static final class Window {
        private final double[] bounds;
        private final double[] sorted;
        private int next;
        private int count;

        Window(int size) {
            this.bounds = new double[size];
            this.sorted = new double[size];
        }

        void add(double bound) {
            bounds[next] = bound;
            next = (next + 1) % bounds.length;
            count = Math.min(count + 1, bounds.length);
        }

        double quantile(double q) {
            System.arraycopy(bounds, 0, sorted, 0, count);
            Arrays.sort(sorted, 0, count);
            return sorted[Math.min(count - 1, (int) Math.floor(q * count))];
        }
    }
}
