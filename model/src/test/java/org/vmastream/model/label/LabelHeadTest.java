package org.vmastream.model.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.checkpoint.CheckpointFormatException;
import org.vmastream.model.nn.MlpTail;

class LabelHeadTest {
    private static final List<String> LABELS = List.of("a", "b", "c");

    @Test
    void shouldMatchFiniteDifferencesOfTheCrossEntropy() {
        LabelHead head = LabelHead.initialise(6, LABELS, 11, DataType.DOUBLE);
        SplittableRandom random = new SplittableRandom(5);
        INDArray x = gaussian(random, 4, 6, DataType.DOUBLE);
        int[] classes = {0, 2, 1, 2};
        head.parameters().zeroGradients();
        MlpTail.Trace trace = head.forward(x);
        head.backward(
                x,
                trace,
                LabelHeadTrainer.CrossEntropy.of(trace.output(), classes).gradient());
        INDArray values = head.parameters().values();
        double[] analytic = head.parameters().gradients().toDoubleVector();
        double step = 1e-6;
        for (int n = 0; n < 300; n++) {
            long i = random.nextLong(values.length());
            double original = values.getDouble(i);
            values.putScalar(i, original + step);
            double up = LabelHeadTrainer.CrossEntropy.of(head.forward(x).output(), classes)
                    .mean();
            values.putScalar(i, original - step);
            double down = LabelHeadTrainer.CrossEntropy.of(head.forward(x).output(), classes)
                    .mean();
            values.putScalar(i, original);
            assertThat(analytic[(int) i]).as("parameter %d", i).isCloseTo((up - down) / (2 * step), within(1e-6));
        }
    }

    @Test
    void shouldScoreEachRowFromItsOwnLogitsAndGiveUnitFeatures() {
        LabelHead head = LabelHead.initialise(6, LABELS, 3);
        INDArray x = gaussian(new SplittableRandom(9), 5, 6, DataType.FLOAT);
        HeadScores scores = head.score(x);
        INDArray logits = head.forward(x).output();
        for (int r = 0; r < 5; r++) {
            double[] row = new double[LABELS.size()];
            int top = 0;
            for (int c = 0; c < row.length; c++) {
                row[c] = logits.getDouble(r, c);
                top = row[c] > row[top] ? c : top;
            }
            double logNormaliser = Math.log(Math.exp(row[0]) + Math.exp(row[1]) + Math.exp(row[2]));
            assertThat(scores.energy()[r]).as("row %d", r).isCloseTo(-logNormaliser, within(1e-5));
            assertThat(scores.best()[r]).as("row %d", r).isEqualTo(top);
            assertThat(scores.probability()[r]).isCloseTo(Math.exp(row[top] - logNormaliser), within(1e-5));
            double norm = scores.features().getRow(r).norm2Number().doubleValue();
            assertThat(norm == 0 ? 1.0 : norm).as("row %d", r).isCloseTo(1.0, within(1e-5));
        }
        for (double cosine : scores.bestMatch(scores.features())) {
            assertThat(cosine).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void shouldGiveLowerEnergyAndAnExactMatchToAKnownClassThanToAnInputFarFromEveryClass() {
        SplittableRandom random = new SplittableRandom(7);
        INDArray centres = gaussian(random, 3, 20, DataType.FLOAT).muli(3);
        LabelHeadTrainer trainer = new LabelHeadTrainer(LabelHead.initialise(20, LABELS, 3), 1e-3);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int s = 0; s < 300; s++) {
            int[] classes = new int[32];
            INDArray x = gaussian(random, 32, 20, DataType.FLOAT).muli(0.3);
            for (int r = 0; r < classes.length; r++) {
                classes[r] = random.nextInt(3);
                x.getRow(r).addi(centres.getRow(classes[r]));
            }
            last = trainer.step(x, classes);
            if (s == 0) {
                first = last;
            }
        }
        assertThat(last).isLessThan(first / 10);
        INDArray memory = centres.dup();
        INDArray far = gaussian(random, 1, 20, DataType.FLOAT).muli(0.3);
        HeadScores known = trainer.head().score(centres.getRow(1).reshape(1, 20));
        HeadScores novel = trainer.head().score(far);
        assertThat(known.bestMatch(trainer.head().features(memory))[0]).isCloseTo(1.0, within(1e-5));
        assertThat(novel.energy()[0]).isGreaterThan(known.energy()[0] + 1);
        assertThat(novel.bestMatch(trainer.head().features(memory))[0])
                .isLessThan(known.bestMatch(trainer.head().features(memory))[0]);
    }

    @Test
    void shouldRoundTripThroughItsBytesAndRefuseCorruptOnes() {
        LabelHead head = LabelHead.initialise(10, LABELS, 2);
        INDArray x = gaussian(new SplittableRandom(1), 5, 10, DataType.FLOAT);
        byte[] bytes = LabelHeadFile.toBytes(head);
        LabelHead read = LabelHeadFile.fromBytes(bytes);
        assertThat(read.labels()).isEqualTo(LABELS);
        assertThat(read.score(x).energy()).isEqualTo(head.score(x).energy());
        bytes[bytes.length / 2] ^= 1;
        assertThatThrownBy(() -> LabelHeadFile.fromBytes(bytes))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("CRC");
        assertThatThrownBy(() -> LabelHeadFile.fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(CheckpointFormatException.class);
    }

    @Test
    void shouldKeepTheKnownLabelsLogitsWhenItLearnsANewLabel() {
        LabelHead head = LabelHead.initialise(10, LABELS, 4);
        INDArray x = gaussian(new SplittableRandom(9), 5, 10, DataType.FLOAT);
        LabelHead grown = head.withLabels(List.of("c", "d"));
        assertThat(grown.labels()).containsExactly("a", "b", "c", "d");
        INDArray before = head.forward(x).output();
        INDArray after = grown.forward(x).output();
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                assertThat(after.getDouble(r, c)).isCloseTo(before.getDouble(r, c), within(1e-6));
            }
            assertThat(after.getDouble(r, 3)).isZero();
        }
        assertThat(head.withLabels(List.of("a"))).isSameAs(head);
    }

    private static INDArray gaussian(SplittableRandom random, int rows, int cols, DataType type) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, type);
    }
}
