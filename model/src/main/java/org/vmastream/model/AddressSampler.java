package org.vmastream.model;

/** Draws addresses from q(a|x) by inverse CDF, one uniform per sample. */
final class AddressSampler {
    private AddressSampler() {}

    /**
     * @param logQ     log q(a|x_b) per example, B x |M|
     * @param samples  K draws per example
     * @param uniforms B*K values in [0, 1), example-major
     * @return B*K addresses, example-major
     */
    static int[] sample(double[][] logQ, int samples, double[] uniforms) {
        int batch = logQ.length;
        int[] addresses = new int[batch * samples];
        double[] q = new double[logQ.length == 0 ? 0 : logQ[0].length];
        double[] cdf = new double[q.length];
        for (int b = 0; b < batch; b++) {
            for (int a = 0; a < q.length; a++) {
                q[a] = Math.exp(logQ[b][a]);
            }
            sampleExample(q, b, samples, uniforms, addresses, cdf);
        }
        return addresses;
    }

    /**
     * Draws the K addresses of example b from its q(a|x) given as probabilities (normalised up to
     * rounding).
     *
     * @param q         q(a|x_b) for every entry
     * @param uniforms  B*K values in [0, 1), example-major; example b's are read
     * @param addresses B*K addresses, example-major; example b's are written
     * @param cdf       scratch of q's length
     */
    static void sampleExample(double[] q, int b, int samples, double[] uniforms, int[] addresses, double[] cdf) {
        double total = 0;
        for (int a = 0; a < q.length; a++) {
            total += q[a];
            cdf[a] = total;
        }
        for (int k = 0; k < samples; k++) {
            addresses[b * samples + k] = search(cdf, uniforms[b * samples + k] * total);
        }
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
