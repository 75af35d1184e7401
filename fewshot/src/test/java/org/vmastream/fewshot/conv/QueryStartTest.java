package org.vmastream.fewshot.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class QueryStartTest {
    private static final int PIXELS = 26;
    private static final int ENTRIES = 12;

    @Test
    void aNewVmaAddressesEachEntryWhenQueriedWithIt() {
        FewShotModel model = FewShotModel.create(new ConvConfig(ModelKind.VMA, PIXELS, 4, 4, 16, 16, true), 7, 1e-3, 0);
        SplittableRandom random = new SplittableRandom(3);
        float[] pixels = new float[ENTRIES * PIXELS * PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        INDArray images = Nd4j.create(pixels, new long[] {ENTRIES, 1, PIXELS, PIXELS}, DataType.FLOAT);

        AddressPosterior posterior = model.addresses(images, images);

        for (int b = 0; b < ENTRIES; b++) {
            for (int a = 0; a < ENTRIES; a++) {
                assertThat(posterior.logQ()[b][a])
                        .as("log q(a=%d|x=%d) against its own entry", a, b)
                        .isLessThanOrEqualTo(posterior.logQ()[b][b]);
            }
        }
    }
}
