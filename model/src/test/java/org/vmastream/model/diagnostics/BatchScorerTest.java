package org.vmastream.model.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.model.ImportancePass;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.Noise;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.Workspaces;

/**
 * Every diagnostic of {@link BatchScorer} against the same quantities computed by hand from the
 * training forward pass ({@link VmaModel#forward}) on the same noise, chunk by chunk.
 */
class BatchScorerTest {
    private static final int BATCH = 5;
    private static final int SAMPLES = 5;
    private static final int CHUNK = 2;
    private static final int TOP = 3;

    @ParameterizedTest
    @EnumSource(ModelConfig.Precision.class)
    void shouldAgreeWithTheTrainingForwardPass(ModelConfig.Precision precision) {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, precision), 3);
        SplittableRandom data = new SplittableRandom(4);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 6, precision)));
        INDArray x = rows(data, BATCH, precision);
        double tolerance = precision == ModelConfig.Precision.DOUBLE ? 1e-10 : 1e-4;

        List<ExampleDiagnostics> actual =
                new BatchScorer(model, SAMPLES, CHUNK, TOP).score(x, memory, new SplittableRandom(5));

        Reference expected = Reference.of(model, x, memory, new SplittableRandom(5));
        assertThat(actual).hasSize(BATCH);
        for (int b = 0; b < BATCH; b++) {
            ExampleDiagnostics d = actual.get(b);
            double[] logQ = expected.logQ[b];
            assertThat(d.samples()).isEqualTo(SAMPLES);
            close(d.bound(), ImportanceWeights.bound(expected.logW[b]), tolerance, "bound");
            close(d.reconstruction(), expected.reconstruction[b], tolerance, "reconstruction");
            close(d.klLatent(), expected.klLatent[b], tolerance, "KL(z)");
            close(d.klAddress(), AddressStatistics.klDivergence(logQ, memory.logPrior()), tolerance, "KL(a)");
            List<TopAddress> top = AddressStatistics.top(logQ, TOP);
            assertThat(d.topAddresses())
                    .extracting(TopAddress::index)
                    .containsExactlyElementsOf(
                            top.stream().map(TopAddress::index).toList());
            for (int i = 0; i < TOP; i++) {
                close(d.topAddresses().get(i).probability(), top.get(i).probability(), tolerance, "top probability");
            }
            double entropy = 0;
            for (double logq : logQ) {
                entropy -= Math.exp(logq) * logq;
            }
            close(d.addressEntropy(), entropy, tolerance, "H(q(a|x))");
            assertThat(d.addressEntropy()).isBetween(0.0, Math.log(memory.size()) + 1e-9);
            assertThat(d.bestGroup()).isEqualTo(-1);
            assertThat(d.bestGroupMass()).isNaN();
        }
    }

    @Test
    void shouldScoreABatchTooLargeForOnePassInSlicesOfExamples() {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, ModelConfig.Precision.DOUBLE), 3);
        SplittableRandom data = new SplittableRandom(4);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 6, ModelConfig.Precision.DOUBLE)));
        INDArray x = rows(data, BATCH, ModelConfig.Precision.DOUBLE);
        // two examples' q(a|x) per pass: slices [0, 2), [2, 4), [4, 5)
        BatchScorer sliced = new BatchScorer(model, SAMPLES, CHUNK, TOP, 2L * memory.size());

        List<ExampleDiagnostics> actual = sliced.score(x, memory, new SplittableRandom(5));

        BatchScorer whole = new BatchScorer(model, SAMPLES, CHUNK, TOP);
        SplittableRandom noise = new SplittableRandom(5);
        List<ExampleDiagnostics> expected = new ArrayList<>();
        for (int from = 0; from < BATCH; from += 2) {
            expected.addAll(whole.score(
                    x.get(NDArrayIndex.interval(from, Math.min(BATCH, from + 2)), NDArrayIndex.all())
                            .dup(),
                    memory,
                    noise));
        }
        assertThat(actual).hasSize(BATCH);
        for (int b = 0; b < BATCH; b++) {
            close(actual.get(b).bound(), expected.get(b).bound(), 1e-12, "bound");
            close(actual.get(b).klAddress(), expected.get(b).klAddress(), 1e-12, "KL(a)");
            close(actual.get(b).memoryMatch(), expected.get(b).memoryMatch(), 1e-12, "match");
            assertThat(actual.get(b).topAddresses()).isEqualTo(expected.get(b).topAddresses());
        }
        // the slices draw their own noise, so the whole batch in one pass scores differently
        List<ExampleDiagnostics> onePass = whole.score(x, memory, new SplittableRandom(5));
        assertThat(onePass.get(BATCH - 1).bound())
                .isNotEqualTo(actual.get(BATCH - 1).bound());
    }

    @Test
    void shouldReportTheGroupWithTheMostPosteriorMass() {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, ModelConfig.Precision.DOUBLE), 6);
        SplittableRandom data = new SplittableRandom(7);
        // 4 exemplars and 2 fallback entries; group 2 has no entry, the last two entries have none
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 4, ModelConfig.Precision.DOUBLE)));
        int[] groupOf = {0, 1, 0, 1, -1, -1};
        INDArray x = rows(data, BATCH, ModelConfig.Precision.DOUBLE);

        List<ExampleDiagnostics> scored = new BatchScorer(model, SAMPLES, CHUNK, TOP)
                .score(x, memory, new SplittableRandom(8), new AddressGroups(groupOf, 3));

        Reference expected = Reference.of(model, x, memory, new SplittableRandom(8));
        for (int b = 0; b < BATCH; b++) {
            double[] mass = new double[3];
            for (int a = 0; a < groupOf.length; a++) {
                if (groupOf[a] >= 0) {
                    mass[groupOf[a]] += Math.exp(expected.logQ[b][a]);
                }
            }
            int best = mass[1] > mass[0] ? 1 : 0;
            assertThat(scored.get(b).bestGroup())
                    .as("example %d, masses %s", b, java.util.Arrays.toString(mass))
                    .isEqualTo(best);
            assertThat(scored.get(b).bestGroupMass()).isCloseTo(mass[best], within(1e-10));
        }
    }

    @Test
    void shouldReportNoGroupWhenNoEntryHasOneOrThereIsNoMemory() {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, ModelConfig.Precision.DOUBLE), 9);
        SplittableRandom data = new SplittableRandom(10);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 2, ModelConfig.Precision.DOUBLE)));
        INDArray x = rows(data, BATCH, ModelConfig.Precision.DOUBLE);
        BatchScorer scorer = new BatchScorer(model, SAMPLES, CHUNK, TOP);

        for (ExampleDiagnostics d :
                scorer.score(x, memory, new SplittableRandom(1), new AddressGroups(new int[] {-1, -1, -1, -1}, 2))) {
            assertThat(d.bestGroup()).isEqualTo(-1);
            assertThat(d.bestGroupMass()).isNaN();
        }

        VmaModel vae = VmaModel.initialise(config(MemoryKind.NONE, ModelConfig.Precision.DOUBLE), 9);
        for (ExampleDiagnostics d : new BatchScorer(vae, SAMPLES, CHUNK, TOP)
                .score(x, null, new SplittableRandom(1), new AddressGroups(new int[] {0}, 1))) {
            assertThat(d.bestGroup()).isEqualTo(-1);
            assertThat(d.bestGroupMass()).isNaN();
            assertThat(d.addressEntropy()).isZero();
            assertThat(d.klAddress()).isZero();
            assertThat(d.topAddresses()).isEmpty();
        }
    }

    @Test
    void shouldRefuseGroupsThatDoNotFitTheMemory() {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, ModelConfig.Precision.DOUBLE), 11);
        SplittableRandom data = new SplittableRandom(12);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 3, ModelConfig.Precision.DOUBLE)));
        INDArray x = rows(data, 1, ModelConfig.Precision.DOUBLE);
        BatchScorer scorer = new BatchScorer(model, SAMPLES, CHUNK, TOP);

        assertThatThrownBy(() -> scorer.score(x, memory, new SplittableRandom(1), new AddressGroups(new int[3], 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5");
        assertThatThrownBy(() -> new AddressGroups(new int[] {0, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 1");
        assertThatThrownBy(() -> new AddressGroups(new int[] {-2}, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveTheSameScoresInsideACallersWorkspace() {
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, ModelConfig.Precision.FLOAT), 13);
        SplittableRandom data = new SplittableRandom(14);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(rows(data, 4, ModelConfig.Precision.FLOAT)));
        INDArray x = rows(data, BATCH, ModelConfig.Precision.FLOAT);
        BatchScorer scorer = new BatchScorer(model, SAMPLES, CHUNK, TOP);

        List<ExampleDiagnostics> outside = scorer.score(x, memory, new SplittableRandom(15));
        List<ExampleDiagnostics> inside;
        try (MemoryWorkspace ignored = Workspaces.open("caller")) {
            inside = scorer.score(x, memory, new SplittableRandom(15));
        }

        assertThat(inside).isEqualTo(outside);
    }

    /** What the training forward pass gives for BatchScorer's chunks of noise. */
    private record Reference(double[][] logW, double[] reconstruction, double[] klLatent, double[][] logQ) {
        static Reference of(VmaModel model, INDArray x, MemoryEncoding memory, SplittableRandom random) {
            double[][] logW = new double[BATCH][SAMPLES];
            double[] reconstruction = new double[BATCH];
            double[] klLatent = new double[BATCH];
            double[][] logQ = new double[BATCH][];
            for (int done = 0; done < SAMPLES; done += CHUNK) {
                int k = Math.min(CHUNK, SAMPLES - done);
                Noise noise = Noise.draw(
                        random,
                        BATCH * k,
                        model.config().latentDim(),
                        model.parameters().dataType());
                ImportancePass pass = model.forward(x, memory, k, noise);
                for (int b = 0; b < BATCH; b++) {
                    for (int j = 0; j < k; j++) {
                        logW[b][done + j] = pass.logWeights()[b][j];
                        reconstruction[b] += pass.reconstruction(b, j) / SAMPLES;
                        klLatent[b] += pass.klLatent(b, j) / SAMPLES;
                    }
                    logQ[b] = pass.addressPosterior(b);
                }
            }
            return new Reference(logW, reconstruction, klLatent, logQ);
        }
    }

    private static void close(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.max(1, Math.abs(expected))));
    }

    /**
     * The memory match is the largest cosine of h over the exemplars alone, fallback entries
     * excluded: 1 for an event equal to an exemplar, the brute-force maximum otherwise, and NaN
     * when the memory holds only fallback entries.
     */
    @Test
    void memoryMatchIsTheLargestCosineOverTheExemplarsAlone() {
        ModelConfig.Precision precision = ModelConfig.Precision.DOUBLE;
        VmaModel model = VmaModel.initialise(config(MemoryKind.EXEMPLAR, precision), 5);
        SplittableRandom data = new SplittableRandom(9);
        INDArray exemplars = rows(data, 6, precision);
        INDArray others = rows(data, 3, precision);
        INDArray events = Nd4j.vstack(exemplars.getRow(2, true), others);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
        assertThat(memory.size()).as("six exemplars and two fallback entries").isEqualTo(8);

        List<ExampleDiagnostics> scored =
                new BatchScorer(model, 2, 2, 1).score(events, memory, new SplittableRandom(1));

        // Not exactly 1: the unit rows divide by sqrt(||e||^2 + 1e-8).
        assertThat(scored.get(0).memoryMatch()).isCloseTo(1.0, within(1e-6));
        INDArray eventKeys = model.matchKeys(events);
        INDArray exemplarKeys = model.matchKeys(exemplars);
        for (int e = 0; e < events.rows(); e++) {
            double best = -2;
            for (int m = 0; m < exemplars.rows(); m++) {
                double cosine = eventKeys
                        .getRow(e)
                        .mul(exemplarKeys.getRow(m))
                        .sumNumber()
                        .doubleValue();
                best = Math.max(best, cosine);
            }
            assertThat(scored.get(e).memoryMatch())
                    .as("event %d", e)
                    .isCloseTo(best, within(1e-9))
                    .isLessThanOrEqualTo(1 + 1e-9);
        }
        MemoryEncoding fallbackOnly = model.encodeMemory(model.memoryFor(null));
        assertThat(new BatchScorer(model, 2, 2, 1).score(others, fallbackOnly, new SplittableRandom(2)))
                .allSatisfy(d -> assertThat(d.memoryMatch()).isNaN());
    }

    private static ModelConfig config(MemoryKind kind, ModelConfig.Precision precision) {
        return kind == MemoryKind.NONE
                ? new ModelConfig(
                        12, kind, 0, 0, 0, Similarity.NORMALISED, PriorKind.FLAT, 3, 8, 6, 5, precision, false)
                : new ModelConfig(
                        12, kind, 12, 0, 2, Similarity.NORMALISED, PriorKind.LEARNED, 3, 8, 6, 5, precision, true);
    }

    private static INDArray rows(SplittableRandom random, int rows, ModelConfig.Precision precision) {
        double[] values = new double[rows * 12];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.4 ? 1 : 0;
        }
        return Nd4j.create(values, new long[] {rows, 12}, precision.dataType());
    }
}
