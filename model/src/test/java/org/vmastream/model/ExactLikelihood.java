package org.vmastream.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.memory.MemoryEncoding;

/**
 * log p(x|M) of a model with one-dimensional z, by enumerating every address and integrating z with
 * the trapezoid rule on a wide, fine grid of the reparameterisation noise:
 * {@code p(x|M) = sum_a q(a|x) integral phi(eps) w(a, z(eps)) d eps}, where w = p(x,z,a)/q(z,a).
 */
final class ExactLikelihood {
    private static final double RANGE = 30;
    private static final int POINTS = 24001;

    private ExactLikelihood() {}

    static double logLikelihood(VmaModel model, INDArray x, MemoryEncoding memory) {
        return LogSoftmax.logSumExp(logJoint(model, x, memory));
    }

    /** log p(x, a|M) = log p(a) + log p(x|m_a) for every entry a. */
    static double[] logJoint(VmaModel model, INDArray x, MemoryEncoding memory) {
        if (model.config().latentDim() != 1) {
            throw new IllegalArgumentException("exact integration needs a one-dimensional z");
        }
        double step = 2 * RANGE / (POINTS - 1);
        double[] eps = new double[POINTS];
        double[] logWeight = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            eps[i] = -RANGE + i * step;
            double trapezoid = (i == 0 || i == POINTS - 1) ? 0.5 : 1.0;
            logWeight[i] = Math.log(trapezoid * step) - 0.5 * eps[i] * eps[i] - 0.5 * Math.log(2 * Math.PI);
        }
        INDArray noise = Nd4j.create(eps, new long[] {POINTS, 1}, DataType.DOUBLE);
        double[] perAddress = new double[memory.size()];
        for (int a = 0; a < memory.size(); a++) {
            int[] addresses = new int[POINTS];
            Arrays.fill(addresses, a);
            ImportancePass pass = model.forward(x, memory, POINTS, new Noise(new double[POINTS], noise, addresses));
            double[] terms = new double[POINTS];
            for (int i = 0; i < POINTS; i++) {
                // log w includes -log q(a|x); adding it back leaves q(a|x) * integral phi w.
                terms[i] = logWeight[i] + pass.logWeightWithoutAddressPosterior(0, i);
            }
            perAddress[a] = LogSoftmax.logSumExp(terms);
        }
        return perAddress;
    }
}
