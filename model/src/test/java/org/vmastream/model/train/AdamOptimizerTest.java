package org.vmastream.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;

/** Adam's first update has the known size lr * sign(g); weight decay reaches weights only. */
class AdamOptimizerTest {

    @Test
    void shouldMoveEveryParameterByTheLearningRateOnTheFirstStep() {
        ParameterSet params = ParameterSet.allocate(DataType.FLOAT,
                List.of(new ParameterSet.BlockSpec("w", 2, 3, ParameterRole.WEIGHT)));
        params.gradients().assign(Nd4j.create(new float[] {0.5f, -2f, 1e-3f, 7f, -0.1f, 3f}, new long[] {6}, DataType.FLOAT));
        new AdamOptimizer(params, 0.01, 0.0).step();
        // With bias correction, the first update is lr * g / (|g| + eps') = lr * sign(g).
        assertThat(params.values().toFloatVector())
                .containsExactly(new float[] {-0.01f, 0.01f, -0.01f, -0.01f, 0.01f, -0.01f},
                        org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void shouldDecayWeightsButNeverMemoryOrBiases() {
        ParameterSet params = ParameterSet.allocate(DataType.FLOAT, List.of(
                new ParameterSet.BlockSpec("w", 1, 2, ParameterRole.WEIGHT),
                new ParameterSet.BlockSpec("b", 1, 2, ParameterRole.BIAS),
                new ParameterSet.BlockSpec("m", 1, 2, ParameterRole.MEMORY)));
        params.values().assign(1.0);
        AdamOptimizer adam = new AdamOptimizer(params, 0.01, 0.5);
        adam.step();
        assertThat(params.block("w").value().toFloatVector())
                .containsExactly(new float[] {0.99f, 0.99f}, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(params.block("b").value().toFloatVector()).containsOnly(1.0f);
        assertThat(params.block("m").value().toFloatVector()).containsOnly(1.0f);
    }

    @Test
    void shouldMinimiseAQuadratic() {
        ParameterSet params = ParameterSet.allocate(DataType.FLOAT,
                List.of(new ParameterSet.BlockSpec("w", 1, 4, ParameterRole.WEIGHT)));
        params.values().assign(Nd4j.create(new float[] {3f, -2f, 0.5f, 10f}, new long[] {4}, DataType.FLOAT));
        AdamOptimizer adam = new AdamOptimizer(params, 0.1, 0.0);
        for (int i = 0; i < 500; i++) {
            params.gradients().assign(params.values().mul(2));
            adam.step();
        }
        assertThat(params.values().norm2Number().doubleValue()).isLessThan(0.05);
    }
}
