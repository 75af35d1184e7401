package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.memory.MemoryEncoding;

class InitialisationTest {
    private static final int ENTRIES = 48;

    @Test
    void aNewExemplarModelAddressesEachEntryWhenQueriedWithIt() {
        VmaModel model = VmaModel.initialise(ModelConfig.mnistExemplar(0), 11);
        SplittableRandom random = new SplittableRandom(5);
        float[] pixels = new float[ENTRIES * 784];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        INDArray entries = Nd4j.create(pixels, new long[] {ENTRIES, 784}, DataType.FLOAT);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(entries));

        SampleScores scores = model.score(entries, memory, 2, Noise.draw(random, 2 * ENTRIES, 32, DataType.FLOAT));

        double ownMass = 0;
        for (int b = 0; b < ENTRIES; b++) {
            double[] q = scores.addressProbabilities(b);
            for (int a = 0; a < ENTRIES; a++) {
                assertThat(q[a])
                        .as("q(a=%d|x=%d) against q(a=%d|x=%d)", a, b, b, b)
                        .isLessThanOrEqualTo(q[b]);
            }
            ownMass += q[b];
        }
        assertThat(ownMass / ENTRIES).as("mean q(own entry | x)").isGreaterThan(0.5);
    }

    @Test
    void theOutputSkipStartsClosed() {
        VmaModel model = VmaModel.initialise(ModelConfig.mnistExemplar(0), 11);

        assertThat(model.parameters()
                        .block(VmaModel.OUTPUT_SKIP)
                        .value()
                        .amaxNumber()
                        .doubleValue())
                .isZero();
    }

    @Test
    void learnedEntriesStartSmall() {
        VmaModel model = VmaModel.initialise(ModelConfig.mnistLearned(256), 11);
        INDArray entries = model.parameters().block(VmaModel.LEARNED_MEMORY).value();

        double std = entries.stdNumber().doubleValue();
        assertThat(std).as("standard deviation of the learned entries").isBetween(0.09, 0.11);
        assertThat(entries.meanNumber().doubleValue()).isCloseTo(0.0, within(0.01));
    }
}
