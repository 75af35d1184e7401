package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;

class GenerateTest {
    /**
     * Hidden layers of 16 and 8 units. With 8 and 4, a draw of z could leave all 4 units of the
     * decoder's first layer at 0, and with unseeded noise about one run in ten saw two identical rows
     * of 0.5 (3 of 30 runs, with the products through ND4J and through OpenBLAS alike).
     */
    private static final ModelConfig CONFIG = new ModelConfig(
            6,
            MemoryKind.EXEMPLAR,
            6,
            0,
            0,
            Similarity.NORMALISED,
            PriorKind.LEARNED,
            2,
            16,
            8,
            4,
            ModelConfig.Precision.DOUBLE,
            true);

    @Test
    void samplesAreProbabilityImagesThatDependOnTheEntryAndTheNoise() {
        VmaModel model = VmaModel.initialise(CONFIG, 3);
        INDArray exemplars = Nd4j.create(new double[][] {{1, 0, 1, 0, 1, 0}, {0, 1, 0, 1, 0, 1}, {1, 1, 1, 0, 0, 0}});
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(exemplars));
        INDArray epsilon = gaussian(5, 2, new SplittableRandom(17));

        INDArray first = model.generate(memory, 0, epsilon);
        assertThat(first.shape()).containsExactly(5, 6);
        assertThat(first.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(first.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(model.generate(memory, 0, epsilon)).isEqualTo(first);
        assertThat(model.generate(memory, 1, epsilon)).isNotEqualTo(first);
        // Different draws give different samples; zero noise gives the same image in every row.
        assertThat(first.getRow(0)).isNotEqualTo(first.getRow(1));
        INDArray modes = model.generate(memory, 2, Nd4j.zeros(DataType.DOUBLE, 3, 2));
        assertThat(modes.getRow(0)).isEqualTo(modes.getRow(2));
    }

    /** Seeded, so that the test draws the same noise every run. */
    private static INDArray gaussian(int rows, int cols, SplittableRandom random) {
        double[][] values = new double[rows][cols];
        for (double[] row : values) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return Nd4j.create(values);
    }

    @Test
    void aWrongEntryOrNoiseWidthIsRefused() {
        VmaModel model = VmaModel.initialise(CONFIG, 3);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(Nd4j.ones(DataType.DOUBLE, 2, 6)));
        assertThatThrownBy(() -> model.generate(memory, 2, Nd4j.zeros(DataType.DOUBLE, 1, 2)))
                .hasMessageContaining("outside memory of size 2");
        assertThatThrownBy(() -> model.generate(memory, 0, Nd4j.zeros(DataType.DOUBLE, 1, 3)))
                .hasMessageContaining("latent has 2");
    }
}
