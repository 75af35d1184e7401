package org.vmastream.model;

/** Draws addresses from q(a|x) by inverse CDF, one uniform per sample. */
final class AddressSampler {
    private AddressSampler() {
    }

    /**
     * @param logQ     log q(a|x_b) per example, B x |M|
     * @param samples  K draws per example
     * @param uniforms B*K values in [0, 1), example-major
     * @return B*K addresses, example-major
     */
    static int[] sample(double[][] logQ, int samples, double[] uniforms) {
        int batch = logQ.length;
        int[] addresses = new int[batch * samples];
        double[] cdf = new double[logQ.length == 0 ? 0 : logQ[0].length];
        for (int b = 0; b < batch; b++) {
            double total = 0;
            for (int a = 0; a < cdf.length; a++) {
                total += Math.exp(logQ[b][a]);
                cdf[a] = total;
            }
            for (int k = 0; k < samples; k++) {
                addresses[b * samples + k] = search(cdf, uniforms[b * samples + k] * total);
            }
        }
        return addresses;
    }

    /** First index whose cumulative mass exceeds {@code target}; rounding never yields an empty entry. */
    private static int search(double[] cdf, double target) {
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] > target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
