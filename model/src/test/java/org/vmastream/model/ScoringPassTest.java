package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.ParameterSet;

/**
 * The scoring pass ({@link VmaModel#score}) against the training forward pass ({@link VmaModel#forward})
 * on the same noise, sample by sample: same addresses, and the same log w, reconstruction and KL(z)
 * to 1e-10 in DOUBLE and 1e-4 in FLOAT (relative, or absolute below 1).
 */
class ScoringPassTest {
    private static final int BATCH = 6;
    private static final int SAMPLES = 4;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(
                        "tiny double exemplar + fallback",
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 2, 2)),
                Arguments.of(
                        "tiny double learned, dot, flat prior",
                        TinyModels.config(MemoryKind.LEARNED, Similarity.DOT, PriorKind.FLAT, 0, 3)),
                Arguments.of(
                        "tiny double exemplar, cosine",
                        TinyModels.config(MemoryKind.EXEMPLAR, Similarity.COSINE, PriorKind.LEARNED, 0, 2)),
                Arguments.of(
                        "tiny double without memory",
                        TinyModels.config(MemoryKind.NONE, Similarity.NORMALISED, PriorKind.FLAT, 0, 2)),
                // dataDim above 1000: the product of softplus factors is logged in more than one piece
                Arguments.of("wide double exemplar", exemplar(2100, ModelConfig.Precision.DOUBLE)),
                Arguments.of("small float exemplar", exemplar(20, ModelConfig.Precision.FLOAT)),
                Arguments.of("wide float exemplar", exemplar(2100, ModelConfig.Precision.FLOAT)),
                Arguments.of(
                        "small float without memory",
                        new ModelConfig(
                                20,
                                MemoryKind.NONE,
                                0,
                                0,
                                0,
                                Similarity.NORMALISED,
                                PriorKind.FLAT,
                                3,
                                8,
                                6,
                                5,
                                ModelConfig.Precision.FLOAT,
                                false)));
    }

    private static ModelConfig exemplar(int dataDim, ModelConfig.Precision precision) {
        return new ModelConfig(
                dataDim,
                MemoryKind.EXEMPLAR,
                dataDim,
                0,
                2,
                Similarity.NORMALISED,
                PriorKind.LEARNED,
                3,
                8,
                6,
                5,
                precision,
                true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void shouldMatchTheTrainingForwardPassSampleBySample(String name, ModelConfig config) {
        SplittableRandom random = new SplittableRandom(31);
        VmaModel model = TinyModels.offKinks(VmaModel.initialise(config, 7), random);
        INDArray x = data(random, BATCH, config, true);
        MemoryEncoding memory = memory(model, random);
        Noise noise = Noise.draw(
                random, BATCH * SAMPLES, config.latentDim(), model.parameters().dataType());

        // Training encodes only what addressing needs and computes the rest for the drawn entries;
        // scoring gathers from the whole row table. The two must give the same samples.
        MemoryEncoding training = memory == null ? null : model.encodeAddressing(memory.entries());
        ImportancePass expected = model.forward(x, training, SAMPLES, noise);
        SampleScores actual = model.score(x, memory, SAMPLES, noise);

        assertAgree(expected, actual, tolerance(config));
    }

    @Test
    void shouldRefuseToScoreWithAnEncodingForTraining() {
        SplittableRandom random = new SplittableRandom(3);
        ModelConfig config = exemplar(20, ModelConfig.Precision.DOUBLE);
        VmaModel model = VmaModel.initialise(config, 7);
        MemoryEncoding training = model.encodeAddressing(model.memoryFor(data(random, 5, config, false)));
        Noise noise = Noise.draw(
                random, BATCH * SAMPLES, config.latentDim(), model.parameters().dataType());

        assertThatThrownBy(() -> model.score(data(random, BATCH, config, true), training, SAMPLES, noise))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encodeMemory");
    }

    @Test
    void shouldUseFixedAddressesAndGreyInputs() {
        ModelConfig config = exemplar(20, ModelConfig.Precision.DOUBLE);
        SplittableRandom random = new SplittableRandom(32);
        VmaModel model = TinyModels.offKinks(VmaModel.initialise(config, 8), random);
        INDArray x = data(random, BATCH, config, false);
        MemoryEncoding memory = memory(model, random);
        int[] fixed = new int[BATCH * SAMPLES];
        for (int n = 0; n < fixed.length; n++) {
            fixed[n] = n % memory.size();
        }
        Noise noise = Noise.draw(random, BATCH * SAMPLES, config.latentDim(), DataType.DOUBLE)
                .withAddresses(fixed);

        SampleScores actual = model.score(x, memory, SAMPLES, noise);

        assertAgree(model.forward(x, memory, SAMPLES, noise), actual, 1e-10);
        assertThat(actual.address(BATCH - 1, SAMPLES - 1)).isEqualTo(fixed[fixed.length - 1]);
    }

    /**
     * Logits far beyond where e^l overflows in float (about 88.7): a softplus computed as
     * log(1 + e^l) would give infinities; the scoring pass must stay finite and exact.
     */
    @Test
    void shouldStayExactWhereTheExponentialOfALogitOverflows() {
        ModelConfig config = exemplar(20, ModelConfig.Precision.FLOAT);
        SplittableRandom random = new SplittableRandom(33);
        VmaModel model = TinyModels.offKinks(VmaModel.initialise(config, 9), random);
        ParameterSet params = model.parameters();
        params.block("decoder.w2").value().muli(300);
        double[] bias = new double[config.dataDim()];
        for (int d = 0; d < bias.length; d++) {
            bias[d] = d % 2 == 0 ? 150 : -150;
        }
        params.block("decoder.b2").value().assign(Nd4j.create(bias, new long[] {1, bias.length}, DataType.FLOAT));
        INDArray x = data(random, BATCH, config, true);
        MemoryEncoding memory = memory(model, random);
        Noise noise = Noise.draw(random, BATCH * SAMPLES, config.latentDim(), DataType.FLOAT);

        ImportancePass expected = model.forward(x, memory, SAMPLES, noise);
        SampleScores actual = model.score(x, memory, SAMPLES, noise);

        INDArray logits = expected.decoderTrace.output();
        assertThat(logits.maxNumber().doubleValue()).isGreaterThan(100);
        assertThat(logits.minNumber().doubleValue()).isLessThan(-100);
        for (int b = 0; b < BATCH; b++) {
            for (int k = 0; k < SAMPLES; k++) {
                assertThat(actual.reconstruction(b, k)).isFinite().isLessThan(-100);
            }
        }
        assertAgree(expected, actual, 1e-4);
    }

    private static void assertAgree(ImportancePass expected, SampleScores actual, double tolerance) {
        double[][] logW = expected.logWeights();
        assertThat(actual.batch()).isEqualTo(expected.batch());
        assertThat(actual.samples()).isEqualTo(expected.samples());
        for (int b = 0; b < expected.batch(); b++) {
            for (int k = 0; k < expected.samples(); k++) {
                String at = "example " + b + ", sample " + k;
                assertThat(actual.address(b, k)).as("address, %s", at).isEqualTo(expected.address(b, k));
                assertClose(actual.logWeight(b, k), logW[b][k], tolerance, "log w, " + at);
                assertClose(
                        actual.reconstruction(b, k), expected.reconstruction(b, k), tolerance, "reconstruction, " + at);
                assertClose(actual.klLatent(b, k), expected.klLatent(b, k), tolerance, "KL(z), " + at);
            }
            double[] logQ = expected.addressPosterior(b);
            if (logQ == null) {
                assertThat(actual.addressPosterior(b)).isNull();
                assertThat(actual.addressProbabilities(b)).isNull();
                continue;
            }
            double[] actualLogQ = actual.addressPosterior(b);
            double[] actualQ = actual.addressProbabilities(b);
            for (int a = 0; a < logQ.length; a++) {
                assertClose(actualLogQ[a], logQ[a], tolerance, "log q(a=" + a + "|x_" + b + ")");
                assertThat(actualQ[a]).as("q(a=%d|x_%d)", a, b).isCloseTo(Math.exp(logQ[a]), within(tolerance));
            }
        }
    }

    static void assertClose(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.max(1, Math.abs(expected))));
    }

    private static double tolerance(ModelConfig config) {
        return config.precision() == ModelConfig.Precision.DOUBLE ? 1e-10 : 1e-4;
    }

    private static MemoryEncoding memory(VmaModel model, SplittableRandom random) {
        ModelConfig config = model.config();
        return switch (config.memory()) {
            case NONE -> null;
            case LEARNED -> model.encodeMemory(model.memoryFor(null));
            case EXEMPLAR -> model.encodeMemory(model.memoryFor(data(random, 5, config, false)));
        };
    }

    /** Binary or grey rows of the model's data width and precision. */
    private static INDArray data(SplittableRandom random, int rows, ModelConfig config, boolean binary) {
        double[] values = new double[rows * config.dataDim()];
        for (int i = 0; i < values.length; i++) {
            values[i] = binary ? (random.nextDouble() < 0.4 ? 1 : 0) : random.nextDouble();
        }
        return Nd4j.create(
                values, new long[] {rows, config.dataDim()}, config.precision().dataType());
    }
}
