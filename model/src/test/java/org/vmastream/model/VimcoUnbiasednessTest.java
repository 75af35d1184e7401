package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.bound.VimcoSignals;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;

/**
 * The VIMCO estimator is unbiased over addresses: averaged over many address draws it matches the
 * exact gradient of E_a[L_K] on a tiny model (3 exemplars, 1-d z, K = 3), where the expectation
 * enumerates all |M|^K address tuples. The reparameterisation noise is held as common random
 * numbers (a fixed set of eps draws shared by target and estimator), so the target is exact with
 * no quadrature; the z-path itself is pinned by {@link SurrogateGradientTest}.
 *
 * <p>Tolerance: per parameter, the Monte Carlo mean is compared in units of its standard error
 * (from 40 independent batches): every |z| must stay below 5.5 and the mean of z^2 over the
 * parameters must lie in [0.6, 1.8] (t-distributed z with 39 degrees of freedom have E[z^2] = 1.05).
 * Parameters whose estimate never varies (ReLU units dead for every draw) must have an exact
 * gradient of zero and are left out of the statistic.
 * A biased variant of the signal (without its -v_k term) must fail the same statistic, which shows
 * the test can fail.
 */
class VimcoUnbiasednessTest {
    private static final int MEMORY = 3;
    private static final int SAMPLES = 3;
    private static final int NOISE_DRAWS = 32;
    private static final int ADDRESS_DRAWS = 160;
    private static final int BATCHES = 40;

    private static Fixture fixture;
    private static double[] exact;

    @BeforeAll
    static void computeExactGradient() {
        fixture = new Fixture(31);
        exact = fixture.exactGradient();
    }

    @ParameterizedTest
    @EnumSource(LearningSignal.class)
    void shouldMatchExactGradientOfExpectedBoundOnAverage(LearningSignal signal) {
        double[] z = Arrays.stream(zScores(fixture.estimatorDraws(signal, false, 7), exact))
                .filter(v -> !Double.isNaN(v))
                .toArray();
        double meanSquare = Arrays.stream(z).map(v -> v * v).average().orElseThrow();
        double worst = Arrays.stream(z).map(Math::abs).max().orElseThrow();
        assertThat(worst).as("largest |z| over %d parameters", z.length).isLessThan(5.5);
        assertThat(meanSquare).as("mean z^2 over %d parameters", z.length).isBetween(0.6, 1.8);
        assertThat(Arrays.stream(exact).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);
    }

    @ParameterizedTest
    @EnumSource(LearningSignal.class)
    void shouldDetectABiasedSignal(LearningSignal signal) {
        double[] z = Arrays.stream(zScores(fixture.estimatorDraws(signal, true, 8), exact))
                .filter(v -> !Double.isNaN(v))
                .toArray();
        double meanSquare = Arrays.stream(z).map(v -> v * v).average().orElseThrow();
        assertThat(meanSquare)
                .as("a signal without -v_k is biased and must be detected")
                .isGreaterThan(5.0);
    }

    private static double[] zScores(double[][] draws, double[] target) {
        double[] z = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            double mean = 0;
            for (double[] draw : draws) {
                mean += draw[i];
            }
            mean /= draws.length;
            double variance = 0;
            for (double[] draw : draws) {
                variance += (draw[i] - mean) * (draw[i] - mean);
            }
            double standardError = Math.sqrt(variance / (draws.length - 1) / draws.length);
            if (standardError == 0) {
                assertThat(Math.abs(mean - target[i]))
                        .as("parameter %d never varies, so both must agree", i)
                        .isLessThan(1e-6);
                z[i] = Double.NaN;
            } else {
                z[i] = (mean - target[i]) / standardError;
            }
        }
        return z;
    }

    /** A tiny model, one target x, its memory and the shared noise draws. */
    private static final class Fixture {
        final VmaModel model;
        final INDArray exemplars;
        final INDArray x;
        final double[] noise;

        Fixture(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            model = TinyModels.offKinks(
                    VmaModel.initialise(
                            TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 0, 1),
                            seed),
                    random);
            exemplars = TinyModels.grey(random, MEMORY);
            x = TinyModels.binary(random, 1);
            noise = new double[NOISE_DRAWS * SAMPLES];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = random.nextGaussian();
            }
        }

        /** Gradient of -E[L_K] by central differences of the exact expectation. */
        double[] exactGradient() {
            INDArray values = model.parameters().values();
            double[] gradient = new double[(int) values.length()];
            double step = 1e-5;
            for (int i = 0; i < gradient.length; i++) {
                double original = values.getDouble(i);
                values.putScalar(i, original + step);
                double up = expectedBound();
                values.putScalar(i, original - step);
                double down = expectedBound();
                values.putScalar(i, original);
                gradient[i] = -(up - down) / (2 * step);
            }
            return gradient;
        }

        /** Mean over the noise draws of sum over a in M^K of prod_k q(a_k|x) L_K(a, eps). */
        double expectedBound() {
            int perDraw = (int) Math.pow(MEMORY, SAMPLES);
            int tuples = NOISE_DRAWS * perDraw;
            int[] addresses = new int[tuples * SAMPLES];
            double[] eps = new double[tuples * SAMPLES];
            for (int t = 0; t < tuples; t++) {
                int r = t / perDraw;
                int code = t % perDraw;
                for (int k = 0; k < SAMPLES; k++) {
                    addresses[t * SAMPLES + k] = code % MEMORY;
                    code /= MEMORY;
                    eps[t * SAMPLES + k] = noise[r * SAMPLES + k];
                }
            }
            MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
            Noise fixed = new Noise(
                    new double[tuples * SAMPLES],
                    Nd4j.create(eps, new long[] {tuples * SAMPLES, 1}, DataType.DOUBLE),
                    addresses);
            ImportancePass pass = model.forward(x.repeat(0, tuples), memory, SAMPLES, fixed);
            double[] logQ = pass.addressPosterior(0);
            double[][] logW = pass.logWeights();
            double expectation = 0;
            for (int t = 0; t < tuples; t++) {
                double logProbability = 0;
                for (int k = 0; k < SAMPLES; k++) {
                    logProbability += logQ[addresses[t * SAMPLES + k]];
                }
                expectation += Math.exp(logProbability) * ImportanceWeights.bound(logW[t]);
            }
            return expectation / NOISE_DRAWS;
        }

        /** Per batch, the estimator's mean gradient of -J over fresh address draws for every noise draw. */
        double[][] estimatorDraws(LearningSignal signal, boolean biased, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            int examples = NOISE_DRAWS * ADDRESS_DRAWS;
            double[] eps = new double[examples * SAMPLES];
            for (int e = 0; e < examples; e++) {
                System.arraycopy(noise, (e / ADDRESS_DRAWS) * SAMPLES, eps, e * SAMPLES, SAMPLES);
            }
            INDArray epsilon = Nd4j.create(eps, new long[] {examples * SAMPLES, 1}, DataType.DOUBLE);
            INDArray batch = x.repeat(0, examples);
            double[][] draws = new double[BATCHES][];
            for (int d = 0; d < BATCHES; d++) {
                double[] uniforms = new double[examples * SAMPLES];
                for (int i = 0; i < uniforms.length; i++) {
                    uniforms[i] = random.nextDouble();
                }
                MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
                ImportancePass pass = model.forward(batch, memory, SAMPLES, new Noise(uniforms, epsilon, null));
                double[][] logW = pass.logWeights();
                double[][] weights = new double[examples][];
                double[][] signals = new double[examples][];
                for (int b = 0; b < examples; b++) {
                    ImportanceWeights w = ImportanceWeights.of(logW[b]);
                    weights[b] = w.weights();
                    signals[b] = VimcoSignals.of(logW[b], w, signal);
                    if (biased) {
                        for (int k = 0; k < SAMPLES; k++) {
                            signals[b][k] += w.weights()[k];
                        }
                    }
                }
                model.parameters().zeroGradients();
                model.backward(pass, weights, signals, -1.0 / examples);
                draws[d] = model.parameters().gradients().toDoubleVector();
            }
            return draws;
        }
    }
}
