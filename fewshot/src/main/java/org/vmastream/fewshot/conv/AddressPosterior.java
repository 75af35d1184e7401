package org.vmastream.fewshot.conv;

import java.util.SplittableRandom;

/**
 * q(a|x) for a batch of targets and p(a) over one memory, as log-probabilities in double precision.
 *
 * @param logQ [B][|M|] log q(a|x_b)
 * @param logP [|M|] log p(a)
 */
public record AddressPosterior(double[][] logQ, double[] logP) {

    /** From the graph's logits (row-major [B, |M|] and [|M|]). */
    public static AddressPosterior fromLogits(float[] addressLogits, float[] priorLogits, int targets) {
        int entries = priorLogits.length;
        double[][] logQ = new double[targets][];
        for (int b = 0; b < targets; b++) {
            double[] row = new double[entries];
            for (int a = 0; a < entries; a++) {
                row[a] = addressLogits[b * entries + a];
            }
            logQ[b] = logSoftmax(row);
        }
        double[] prior = new double[entries];
        for (int a = 0; a < entries; a++) {
            prior[a] = priorLogits[a];
        }
        return new AddressPosterior(logQ, logSoftmax(prior));
    }

    /** Number of targets. */
    public int targets() {
        return logQ.length;
    }

    /** |M|. */
    public int entries() {
        return logP.length;
    }

    /**
     * @param samples K addresses per target
     * @return [B * K] addresses, target b's at b K .. b K + K - 1
     */
    public int[] sample(SplittableRandom random, int samples) {
        int[] addresses = new int[targets() * samples];
        for (int b = 0; b < targets(); b++) {
            for (int k = 0; k < samples; k++) {
                addresses[b * samples + k] = draw(b, random.nextDouble());
            }
        }
        return addresses;
    }

    /** KL(q(a|x_b) || p(a)), exact over all entries. */
    public double klDivergence(int target) {
        double kl = 0;
        for (int a = 0; a < entries(); a++) {
            double q = Math.exp(logQ[target][a]);
            if (q > 0) {
                kl += q * (logQ[target][a] - logP[a]);
            }
        }
        return kl;
    }

    /** The address a uniform draw in [0, 1) picks from q(a|x_target) by inversion. */
    public int draw(int target, double uniform) {
        return inverse(logQ[target], uniform);
    }

    /** The address a uniform draw in [0, 1) picks from p(a) by inversion. */
    public int drawPrior(double uniform) {
        return inverse(logP, uniform);
    }

    private static int inverse(double[] logProbabilities, double uniform) {
        double cumulative = 0;
        for (int a = 0; a < logProbabilities.length; a++) {
            cumulative += Math.exp(logProbabilities[a]);
            if (uniform < cumulative) {
                return a;
            }
        }
        return logProbabilities.length - 1;
    }

    private static double[] logSoftmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = logits[i] - log;
        }
        return out;
    }
}
