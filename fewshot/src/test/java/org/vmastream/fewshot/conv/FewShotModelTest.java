package org.vmastream.fewshot.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Adam's subnormal moments are set to 0, and nothing else is touched. */
class FewShotModelTest {
    private static final ConvConfig TINY = new ConvConfig(ModelKind.VMA, 8, 2, 2, 4, 3, true);

    @Test
    void flushesSubnormalMomentsOnlyAndCountsThem() {
        FewShotModel model = FewShotModel.create(TINY, 3, 1e-3, 0);
        Map<String, INDArray> feed = new HashMap<>();
        TinyFeeds.of(TINY, 2, 3, 4, new SplittableRandom(5)).forEach((k, v) -> feed.put(k, v.castTo(DataType.FLOAT)));
        model.step(feed);
        assertThat(model.flushSubnormalMoments()).isZero();

        INDArray moment = largestMoment(model);
        INDArray flat = moment.reshape(moment.length());
        flat.putScalar(0, 3 * Float.MIN_VALUE);
        flat.putScalar(1, -Float.MIN_NORMAL / 2);
        flat.putScalar(2, 0.5f);
        flat.putScalar(3, 0f);

        assertThat(model.flushSubnormalMoments()).isEqualTo(2);

        INDArray after = largestMoment(model).reshape(moment.length());
        assertThat(Math.abs(after.getFloat(0))).isEqualTo(0f);
        assertThat(Math.abs(after.getFloat(1))).isEqualTo(0f);
        assertThat(after.getFloat(2)).isEqualTo(0.5f);
        assertThat(after.getFloat(3)).isEqualTo(0f);
        assertThat(model.flushSubnormalMoments()).isZero();
    }

    @Test
    void flushesViewsAndDoublesThroughNd4jsOps() {
        INDArray matrix = Nd4j.create(
                new float[] {1f, 2f, 3f, 3 * Float.MIN_VALUE, -Float.MIN_NORMAL / 4, 0.25f}, new long[] {2, 3});
        INDArray secondRow = matrix.getRow(1);
        assertThat(FewShotModel.flushSubnormals(secondRow)).isEqualTo(2);
        // A multiply flushes, so a negative subnormal becomes -0.
        assertThat(Transforms.abs(matrix).reshape(6).toFloatVector()).containsExactly(1f, 2f, 3f, 0f, 0f, 0.25f);

        INDArray doubles = Nd4j.create(new double[] {Double.MIN_VALUE, 1e-300, 0});
        assertThat(FewShotModel.flushSubnormals(doubles)).isEqualTo(1);
        assertThat(doubles.toDoubleVector()).containsExactly(0, 1e-300, 0);
    }

    /** The largest of Adam's state arrays, as the updater holds it. */
    private static INDArray largestMoment(FewShotModel model) {
        INDArray largest = null;
        for (GradientUpdater<?> updater : model.graph().getUpdaterMap().values()) {
            Map<String, INDArray> state = updater.getState();
            for (INDArray moment : state.values()) {
                if (largest == null || moment.length() > largest.length()) {
                    largest = moment;
                }
            }
        }
        return largest;
    }
}
