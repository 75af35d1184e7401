package org.vmastream.bench.gemm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.GemmTrace;
import org.vmastream.model.train.StepMetrics;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/**
 * The benchmark divides {@link StepFlops} by step time: the count must be that of the products a
 * training step actually runs, read here from a {@link GemmTrace} of real steps.
 */
class StepFlopsTest {
    private static final int BATCH = 8;
    private static final int SAMPLES = 3;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("recall with the output skip", ModelConfig.mnistExemplar(0), 24),
                Arguments.of("recall with fallback entries", ModelConfig.mnistExemplar(2), 24),
                Arguments.of(
                        "recall without the output skip",
                        ModelConfig.mnistExemplar(0).withOutputSkip(false),
                        24),
                Arguments.of("learned memory", ModelConfig.mnistLearned(40), 40),
                Arguments.of("vae", ModelConfig.mnistVae(), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void shouldCountTheMatrixProductsATrainingStepRuns(String name, ModelConfig config, int memorySize) {
        TrainingConfig training = new TrainingConfig(SAMPLES, BATCH, 3e-4, 0, LearningSignal.PAPER, 1);
        VimcoTrainer trainer = new VimcoTrainer(VmaModel.initialise(config, 1), training);
        SplittableRandom random = new SplittableRandom(7);
        INDArray exemplars =
                config.memory() == MemoryKind.EXEMPLAR ? binary(memorySize, config.dataDim(), random) : null;
        INDArray targets = exemplars != null
                ? exemplars
                        .get(NDArrayIndex.interval(0, BATCH), NDArrayIndex.all())
                        .dup()
                : binary(BATCH, config.dataDim(), random);
        int addressed = memorySize + config.fallbackEntries();
        for (int step = 0; step < 3; step++) {
            StepMetrics metrics;
            List<GemmTrace.Gemm> gemms;
            try (GemmTrace trace = GemmTrace.open()) {
                metrics = trainer.step(targets, exemplars);
                gemms = trace.gemms();
            }
            double traced = gemms.stream()
                    .filter(g -> g.kind() == GemmTrace.Kind.MATRIX)
                    .mapToDouble(GemmTrace.Gemm::flops)
                    .sum();
            assertThat(traced).as("the trace saw no products").isPositive();
            assertThat(StepFlops.trainingStep(config, BATCH, SAMPLES, addressed, metrics.entriesDrawn()))
                    .as("step " + step + ": products run against products counted")
                    .isCloseTo(traced, within(1e-9 * traced));
        }
    }

    private static INDArray binary(int rows, int cols, SplittableRandom random) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return Nd4j.create(values, new long[] {rows, cols}, 'c').castTo(DataType.FLOAT);
    }
}
