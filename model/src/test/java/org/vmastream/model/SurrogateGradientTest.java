package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.bound.VimcoSignals;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.ParameterSet;

/**
 * Every gradient of the VIMCO surrogate against central finite differences, with noise,
 * addresses and learning signals frozen. The surrogate, as a function of the parameters, is
 * {@code F = -(1/B) sum_b [log mean_k exp(l_bk - log q0(a_bk|x_b)) + sum_k s0_bk log q(a_bk|x_b)]},
 * where l is log w without its -log q(a|x) term and q0, s0 are frozen at the current parameters.
 */
class SurrogateGradientTest {
    private static final int BATCH = 3;
    private static final int SAMPLES = 3;
    private static final double STEP = 1e-6;

    static Stream<Arguments> configurations() {
        List<Arguments> cases = new ArrayList<>();
        for (Similarity similarity : Similarity.values()) {
            for (PriorKind prior : PriorKind.values()) {
                cases.add(Arguments.of(MemoryKind.EXEMPLAR, similarity, prior, 0, LearningSignal.PAPER, false));
                cases.add(Arguments.of(MemoryKind.LEARNED, similarity, prior, 0, LearningSignal.PAPER, false));
            }
        }
        cases.add(Arguments.of(
                MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 2, LearningSignal.PAPER, false));
        cases.add(Arguments.of(
                MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 2, LearningSignal.GEOMETRIC, false));
        // Samples on entries 0 and 1 alone: the row table is computed for drawn entries only, and the
        // undrawn ones must still get their gradient through the addressing.
        cases.add(Arguments.of(
                MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 2, LearningSignal.PAPER, true));
        cases.add(
                Arguments.of(MemoryKind.LEARNED, Similarity.COSINE, PriorKind.LEARNED, 0, LearningSignal.PAPER, true));
        cases.add(Arguments.of(MemoryKind.NONE, Similarity.NORMALISED, PriorKind.FLAT, 0, LearningSignal.PAPER, false));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} memory, {1} similarity, {2} prior, {3} fallback, {4} signal, two drawn: {5}")
    @MethodSource("configurations")
    void shouldMatchCentralFiniteDifferencesForEveryParameterBlock(
            MemoryKind kind,
            Similarity similarity,
            PriorKind prior,
            int fallback,
            LearningSignal signal,
            boolean twoDrawn) {
        SplittableRandom random = new SplittableRandom(11);
        VmaModel model = TinyModels.offKinks(
                VmaModel.initialise(TinyModels.config(kind, similarity, prior, fallback, 2), 5), random);
        INDArray x = TinyModels.binary(random, BATCH);
        INDArray exemplars = kind == MemoryKind.EXEMPLAR ? TinyModels.grey(random, 4) : null;
        Noise drawn = Noise.draw(random, BATCH * SAMPLES, 2, model.parameters().dataType());

        ImportancePass pass = model.forward(x, encode(model, exemplars), SAMPLES, drawn);
        if (twoDrawn) {
            int[] onTwo = addresses(pass);
            for (int n = 0; n < onTwo.length; n++) {
                onTwo[n] = n % 2;
            }
            pass = model.forward(x, encode(model, exemplars), SAMPLES, drawn.withAddresses(onTwo));
            assertThat(pass.entriesDrawn()).isEqualTo(2);
        }
        Noise frozen = drawn.withAddresses(addresses(pass));
        double[][] logW = pass.logWeights();
        double[][] weights = new double[BATCH][];
        double[][] signals = new double[BATCH][];
        double[][] frozenLogQ = new double[BATCH][SAMPLES];
        for (int b = 0; b < BATCH; b++) {
            ImportanceWeights w = ImportanceWeights.of(logW[b]);
            weights[b] = w.weights();
            signals[b] = VimcoSignals.of(logW[b], w, signal);
            for (int k = 0; k < SAMPLES; k++) {
                frozenLogQ[b][k] = pass.logAddressPosterior(b, k);
            }
        }
        ParameterSet params = model.parameters();
        params.zeroGradients();
        model.backward(pass, weights, signals, -1.0 / BATCH);
        double[] analytic = params.gradients().toDoubleVector();

        INDArray values = params.values();
        for (ParameterSet.Block block : params.blocks()) {
            double worst = 0;
            double largest = 0;
            for (long i = block.offset(); i < block.offset() + block.length(); i++) {
                double original = values.getDouble(i);
                values.putScalar(i, original + STEP);
                double up = surrogate(model, x, exemplars, frozen, frozenLogQ, signals);
                values.putScalar(i, original - STEP);
                double down = surrogate(model, x, exemplars, frozen, frozenLogQ, signals);
                values.putScalar(i, original);
                double numeric = (up - down) / (2 * STEP);
                double error = Math.abs(numeric - analytic[(int) i]) / Math.max(1e-3, Math.abs(numeric));
                worst = Math.max(worst, error);
                largest = Math.max(largest, Math.abs(numeric));
            }
            assertThat(worst)
                    .as("relative gradient error of block %s (largest |gradient| %.3g)", block.name(), largest)
                    .isLessThan(1e-5);
            // With the plain inner product a shared shift of all e_a moves every score of a row equally,
            // so the output bias of h cannot change q(a|x) or p(a): its gradient is exactly zero.
            boolean invariant = similarity == Similarity.DOT && block.name().equals("embed.b2");
            if (!invariant) {
                assertThat(largest)
                        .as("block %s must receive a gradient", block.name())
                        .isGreaterThan(1e-4);
            }
        }
    }

    private static double surrogate(
            VmaModel model, INDArray x, INDArray exemplars, Noise frozen, double[][] frozenLogQ, double[][] signals) {
        ImportancePass pass = model.forward(x, encode(model, exemplars), SAMPLES, frozen);
        double total = 0;
        for (int b = 0; b < BATCH; b++) {
            double[] logW = new double[SAMPLES];
            double addressTerm = 0;
            for (int k = 0; k < SAMPLES; k++) {
                logW[k] = pass.logWeightWithoutAddressPosterior(b, k) - frozenLogQ[b][k];
                addressTerm += signals[b][k] * pass.logAddressPosterior(b, k);
            }
            total += ImportanceWeights.bound(logW) + addressTerm;
        }
        return -total / BATCH;
    }

    /** The encoding a training step uses. */
    private static org.vmastream.model.memory.MemoryEncoding encode(VmaModel model, INDArray exemplars) {
        return model.config().hasMemory() ? model.encodeAddressing(model.memoryFor(exemplars)) : null;
    }

    private static int[] addresses(ImportancePass pass) {
        int[] a = new int[pass.batch() * pass.samples()];
        for (int n = 0; n < a.length; n++) {
            a[n] = pass.address(n / pass.samples(), n % pass.samples());
        }
        return a;
    }
}
