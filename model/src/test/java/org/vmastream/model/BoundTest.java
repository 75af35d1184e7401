package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.diagnostics.AddressStatistics;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;

/**
 * The K-sample bound against the exact log p(x|M) of a tiny model (3 exemplars, 1-d z), computed by
 * enumerating addresses and integrating z numerically.
 */
class BoundTest {
    private static final int REPEATS = 4000;

    @Test
    void shouldStayBelowExactLikelihoodOnAverageAndCloseTheGapAsSamplesGrow() {
        SplittableRandom random = new SplittableRandom(21);
        VmaModel model = TinyModels.offKinks(
                VmaModel.initialise(
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 0, 1), 3),
                random);
        INDArray exemplars = TinyModels.grey(random, 3);
        INDArray x = TinyModels.binary(random, 1);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
        double exact = ExactLikelihood.logLikelihood(model, x, memory);

        double previous = Double.NEGATIVE_INFINITY;
        double firstGap = Double.NaN;
        double lastGap = Double.NaN;
        double lastError = Double.NaN;
        for (int k : new int[] {1, 10, 100, 1000}) {
            int repeats = Math.max(40, REPEATS / k);
            double[] bounds = bounds(model, x, memory, k, repeats, random);
            double mean = mean(bounds);
            double standardError = Math.sqrt(variance(bounds, mean) / repeats);
            assertThat(mean - 4 * standardError)
                    .as("E[L_%d] must not exceed log p(x|M) = %.5f", k, exact)
                    .isLessThanOrEqualTo(exact);
            assertThat(mean + 4 * standardError)
                    .as("E[L_K] must not decrease with K (K=%d)", k)
                    .isGreaterThanOrEqualTo(previous);
            previous = mean;
            firstGap = Double.isNaN(firstGap) ? exact - mean : firstGap;
            lastGap = exact - mean;
            lastError = standardError;
        }
        assertThat(Math.abs(lastGap)).as("gap between E[L_1000] and log p(x|M)").isLessThan(0.01 + 4 * lastError);
        assertThat(lastGap)
                .as("the gap must shrink from K=1 (%.4f) to K=1000", firstGap)
                .isLessThan(firstGap / 20);
    }

    @Test
    void shouldDecomposeTheSingleSampleBoundIntoReconstructionAndBothKlTerms() {
        SplittableRandom random = new SplittableRandom(22);
        VmaModel model = TinyModels.offKinks(
                VmaModel.initialise(
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.COSINE, PriorKind.LEARNED, 0, 2), 4),
                random);
        INDArray exemplars = TinyModels.grey(random, 4);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
        INDArray x = TinyModels.binary(random, 1).repeat(0, 20000);
        ImportancePass pass = model.forward(x, memory, 1, Noise.draw(random, 20000, 2, x.dataType()));
        double klAddress = AddressStatistics.klDivergence(pass.addressPosterior(0), memory.logPrior());
        double[][] logW = pass.logWeights();
        double[] difference = new double[20000];
        for (int b = 0; b < 20000; b++) {
            // E[log w] = E[log p(x|z,a)] - KL(q(a|x)||p(a)) - E_a KL(q(z|a,x)||p(z|a)): each sample's
            // log w minus its reconstruction and analytic KL(z) has mean -KL(a).
            difference[b] = logW[b][0] - pass.reconstruction(b, 0) + pass.klLatent(b, 0);
        }
        double mean = mean(difference);
        double standardError = Math.sqrt(variance(difference, mean) / difference.length);
        assertThat(mean).isCloseTo(-klAddress, org.assertj.core.data.Offset.offset(4 * standardError + 1e-9));
        assertThat(klAddress).isGreaterThan(0.0);
    }

    private static double[] bounds(
            VmaModel model, INDArray x, MemoryEncoding memory, int k, int repeats, SplittableRandom random) {
        INDArray batch = x.repeat(0, repeats);
        ImportancePass pass = model.forward(batch, memory, k, Noise.draw(random, repeats * k, 1, x.dataType()));
        double[][] logW = pass.logWeights();
        double[] bounds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            bounds[r] = ImportanceWeights.bound(logW[r]);
        }
        return bounds;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double variance(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (values.length - 1);
    }
}
