package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vmastream.model.ScoringPassTest.assertClose;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.addressing.AddressSearch;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;

/**
 * Scoring through the top entries of q(a|x) ({@link TruncatedAddressing}): with every entry as a
 * candidate it is the exact pass, sample by sample; with fewer, its bound stays below the exact
 * evidence of the candidates, which is below log p(x|M), and reaches it as K grows.
 */
class TruncatedScoringTest {
    private static final int BATCH = 6;
    private static final int SAMPLES = 4;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(
                        "exemplar + fallback + output skip, normalised",
                        new ModelConfig(
                                20,
                                MemoryKind.EXEMPLAR,
                                20,
                                0,
                                2,
                                Similarity.NORMALISED,
                                PriorKind.LEARNED,
                                3,
                                8,
                                6,
                                5,
                                ModelConfig.Precision.DOUBLE,
                                true)),
                Arguments.of(
                        "tiny exemplar, cosine",
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.COSINE, PriorKind.LEARNED, 0, 2)),
                Arguments.of(
                        "tiny learned, flat prior",
                        TinyModels.config(MemoryKind.LEARNED, Similarity.NORMALISED, PriorKind.FLAT, 0, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void withEveryEntryAsACandidateInOrderItIsTheExactPassSampleBySample(String name, ModelConfig config) {
        SplittableRandom random = new SplittableRandom(41);
        VmaModel model = TinyModels.offKinks(VmaModel.initialise(config, 7), random);
        INDArray entries = config.memory() == MemoryKind.LEARNED
                ? model.memoryFor(null)
                : model.memoryFor(grey(random, 7, config.dataDim()));
        MemoryEncoding exact = model.encodeMemory(entries);
        MemoryEncoding keysOnly = model.encodeKeys(entries, 2);
        INDArray x = binary(random, BATCH, config.dataDim());
        Noise noise = Noise.draw(random, BATCH * SAMPLES, config.latentDim(), DataType.DOUBLE);
        int size = exact.size();
        AddressSearch inOrder =
                (query, count) -> IntStream.range(0, Math.min(count, size)).toArray();

        SampleScores expected = model.score(x, exact, SAMPLES, noise);
        SampleScores actual = model.score(x, keysOnly, new TruncatedAddressing(inOrder, size + 3), SAMPLES, noise);

        for (int a = 0; a < size; a++) {
            assertClose(keysOnly.logPrior()[a], exact.logPrior()[a], 1e-10, "log p(a=" + a + ")");
        }
        for (int b = 0; b < BATCH; b++) {
            assertThat(actual.addressSupport(b))
                    .containsExactly(IntStream.range(0, size).toArray());
            double[] logQ = expected.addressPosterior(b);
            double[] actualLogQ = actual.addressPosterior(b);
            for (int a = 0; a < size; a++) {
                assertClose(actualLogQ[a], logQ[a], 1e-10, "log q(a=" + a + "|x_" + b + ")");
            }
            for (int k = 0; k < SAMPLES; k++) {
                String at = "example " + b + ", sample " + k;
                assertThat(actual.address(b, k)).as("address, %s", at).isEqualTo(expected.address(b, k));
                assertClose(actual.logWeight(b, k), expected.logWeight(b, k), 1e-10, "log w, " + at);
                assertClose(actual.reconstruction(b, k), expected.reconstruction(b, k), 1e-10, "reconstruction, " + at);
                assertClose(actual.klLatent(b, k), expected.klLatent(b, k), 1e-10, "KL(z), " + at);
            }
        }
    }

    @Test
    void theBoundThroughTheTopEntriesStaysBelowTheirExactEvidenceAndReachesItAsSamplesGrow() {
        SplittableRandom random = new SplittableRandom(42);
        VmaModel model = TinyModels.offKinks(
                VmaModel.initialise(
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 0, 1), 3),
                random);
        MemoryEncoding exact = model.encodeMemory(model.memoryFor(TinyModels.grey(random, 5)));
        MemoryEncoding keysOnly = model.encodeKeys(exact.entries(), 16);
        INDArray x = TinyModels.binary(random, 1);
        TruncatedAddressing topTwo = new TruncatedAddressing(bruteForce(keysOnly), 2);
        int[] candidates = model.score(x.repeat(0, 2), keysOnly, topTwo, 2, Noise.draw(random, 4, 1, DataType.DOUBLE))
                .addressSupport(0);
        double[] logJoint = ExactLikelihood.logJoint(model, x, exact);
        double full = LogSoftmax.logSumExp(logJoint);
        double truncated = LogSoftmax.logSumExp(new double[] {logJoint[candidates[0]], logJoint[candidates[1]]});
        assertThat(truncated)
                .as("the two candidates' evidence is part of the whole")
                .isLessThan(full - 1e-3);

        double previous = Double.NEGATIVE_INFINITY;
        double lastGap = Double.NaN;
        double lastError = Double.NaN;
        for (int k : new int[] {1, 10, 100, 1000}) {
            int repeats = Math.max(40, 4000 / k);
            double[] bounds = bounds(model, x, keysOnly, topTwo, k, repeats, random);
            double mean = BoundTest.mean(bounds);
            double standardError = Math.sqrt(BoundTest.variance(bounds, mean) / repeats);
            assertThat(mean - 4 * standardError)
                    .as("E[L_%d] through two candidates", k)
                    .isLessThanOrEqualTo(truncated);
            assertThat(mean + 4 * standardError)
                    .as("E[L_K] must not decrease with K (K=%d)", k)
                    .isGreaterThanOrEqualTo(previous);
            previous = mean;
            lastGap = truncated - mean;
            lastError = standardError;
        }
        assertThat(Math.abs(lastGap))
                .as("gap between E[L_1000] and the candidates' evidence")
                .isLessThan(0.01 + 4 * lastError);
    }

    @Test
    void refusesFixedAddressesAndKeysThatAreNotUnitLength() {
        SplittableRandom random = new SplittableRandom(43);
        ModelConfig config = TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 0, 2);
        VmaModel model = VmaModel.initialise(config, 7);
        MemoryEncoding memory = model.encodeKeys(model.memoryFor(TinyModels.grey(random, 4)), 4);
        TruncatedAddressing truncation = new TruncatedAddressing(bruteForce(memory), 2);
        Noise fixed = Noise.draw(random, SAMPLES, 2, DataType.DOUBLE).withAddresses(new int[SAMPLES]);
        assertThatThrownBy(() -> model.score(TinyModels.binary(random, 1), memory, truncation, SAMPLES, fixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixed addresses");

        VmaModel dot =
                VmaModel.initialise(config.with(Similarity.DOT, PriorKind.LEARNED, ModelConfig.Precision.DOUBLE), 7);
        MemoryEncoding dotMemory = dot.encodeKeys(dot.memoryFor(TinyModels.grey(random, 4)), 4);
        assertThatThrownBy(() -> dot.score(
                        TinyModels.binary(random, 1),
                        dotMemory,
                        truncation,
                        SAMPLES,
                        Noise.draw(random, SAMPLES, 2, DataType.DOUBLE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit-length keys");
    }

    /** Exact search: every entry ranked by its unit key's inner product with the query. */
    static AddressSearch bruteForce(MemoryEncoding memory) {
        double[][] keys = memory.keys().transformed().toDoubleMatrix();
        return (query, count) -> IntStream.range(0, keys.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer a) -> -dot(keys[a], query)))
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static double dot(double[] key, float[] query) {
        double sum = 0;
        for (int d = 0; d < key.length; d++) {
            sum += key[d] * query[d];
        }
        return sum;
    }

    private static double[] bounds(
            VmaModel model,
            INDArray x,
            MemoryEncoding memory,
            TruncatedAddressing truncation,
            int k,
            int repeats,
            SplittableRandom random) {
        INDArray batch = x.repeat(0, repeats);
        SampleScores scores =
                model.score(batch, memory, truncation, k, Noise.draw(random, repeats * k, 1, DataType.DOUBLE));
        double[] bounds = new double[repeats];
        double[] logW = new double[k];
        for (int r = 0; r < repeats; r++) {
            for (int j = 0; j < k; j++) {
                logW[j] = scores.logWeight(r, j);
            }
            bounds[r] = ImportanceWeights.bound(logW);
        }
        return bounds;
    }

    private static INDArray binary(SplittableRandom random, int rows, int width) {
        double[] values = new double[rows * width];
        Arrays.setAll(values, i -> random.nextDouble() < 0.4 ? 1 : 0);
        return Nd4j.create(values, new long[] {rows, width}, DataType.DOUBLE);
    }

    private static INDArray grey(SplittableRandom random, int rows, int width) {
        double[] values = new double[rows * width];
        Arrays.setAll(values, i -> random.nextDouble());
        return Nd4j.create(values, new long[] {rows, width}, DataType.DOUBLE);
    }
}
