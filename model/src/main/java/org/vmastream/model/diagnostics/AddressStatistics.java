package org.vmastream.model.diagnostics;

import java.util.ArrayList;
import java.util.List;

/** Exact statistics of q(a|x) against p(a), computed over all entries. */
public final class AddressStatistics {
    private AddressStatistics() {}

    /** KL(q || p) from log-probabilities over the same entries. */
    public static double klDivergence(double[] logQ, double[] logP) {
        double kl = 0;
        for (int a = 0; a < logQ.length; a++) {
            double q = Math.exp(logQ[a]);
            if (q > 0) {
                kl += q * (logQ[a] - logP[a]);
            }
        }
        return kl;
    }

    /** The {@code count} most probable entries, most probable first. */
    public static List<TopAddress> top(double[] logQ, int count) {
        int n = Math.min(count, logQ.length);
        if (n <= 0) {
            return List.of();
        }
        int[] best = new int[n];
        int filled = 0;
        for (int a = 0; a < logQ.length; a++) {
            if (filled < n) {
                best[filled++] = a;
            } else if (logQ[a] > logQ[best[n - 1]]) {
                best[n - 1] = a;
            } else {
                continue;
            }
            for (int i = filled - 1; i > 0 && logQ[best[i]] > logQ[best[i - 1]]; i--) {
                int t = best[i];
                best[i] = best[i - 1];
                best[i - 1] = t;
            }
        }
        List<TopAddress> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(new TopAddress(best[i], Math.exp(logQ[best[i]])));
        }
        return top;
    }
}
