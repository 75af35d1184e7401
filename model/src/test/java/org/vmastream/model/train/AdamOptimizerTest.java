package org.vmastream.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;

/**
 * Adam's first update has the known size lr * sign(g); weight decay reaches weights only; the single-precision
 * loop follows the textbook update over many blocks.
 */
class AdamOptimizerTest {

    @Test
    void shouldMoveEveryParameterByTheLearningRateOnTheFirstStep() {
        ParameterSet params = ParameterSet.allocate(
                DataType.FLOAT, List.of(new ParameterSet.BlockSpec("w", 2, 3, ParameterRole.WEIGHT)));
        params.gradients()
                .assign(Nd4j.create(new float[] {0.5f, -2f, 1e-3f, 7f, -0.1f, 3f}, new long[] {6}, DataType.FLOAT));
        new AdamOptimizer(params, 0.01, 0.0).step();
        // With bias correction, the first update is lr * g / (|g| + eps') = lr * sign(g).
        assertThat(params.values().toFloatVector())
                .containsExactly(
                        new float[] {-0.01f, 0.01f, -0.01f, -0.01f, 0.01f, -0.01f},
                        org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void shouldDecayWeightsButNeverMemoryOrBiases() {
        ParameterSet params = ParameterSet.allocate(
                DataType.FLOAT,
                List.of(
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
        ParameterSet params = ParameterSet.allocate(
                DataType.FLOAT, List.of(new ParameterSet.BlockSpec("w", 1, 4, ParameterRole.WEIGHT)));
        params.values().assign(Nd4j.create(new float[] {3f, -2f, 0.5f, 10f}, new long[] {4}, DataType.FLOAT));
        AdamOptimizer adam = new AdamOptimizer(params, 0.1, 0.0);
        for (int i = 0; i < 500; i++) {
            params.gradients().assign(params.values().mul(2));
            adam.step();
        }
        assertThat(params.values().norm2Number().doubleValue()).isLessThan(0.05);
    }

    @Test
    void shouldFollowTheTextbookUpdateAcrossBlocksAndThreads() {
        // 50,001 values: several of the loop's blocks, split unevenly between threads.
        ParameterSet params = ParameterSet.allocate(
                DataType.FLOAT,
                List.of(
                        new ParameterSet.BlockSpec("w", 97, 500, ParameterRole.WEIGHT),
                        new ParameterSet.BlockSpec("b", 1, 1, ParameterRole.BIAS),
                        new ParameterSet.BlockSpec("m", 10, 150, ParameterRole.MEMORY)));
        int n = Math.toIntExact(params.size());
        params.values().assign(Nd4j.rand(DataType.FLOAT, n));
        double[] theta = params.values().toDoubleVector();
        double[] m = new double[n];
        double[] v = new double[n];
        double lr = 0.01;
        AdamOptimizer adam = new AdamOptimizer(params, lr, 0.0);
        for (int t = 1; t <= 5; t++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, n);
            double[] g = gradient.toDoubleVector();
            params.gradients().assign(gradient);
            adam.step();
            for (int i = 0; i < n; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                theta[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
            }
        }
        double[] actual = params.values().toDoubleVector();
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - theta[i]));
        }
        // Every value moved by up to 5 * lr; float rounding of values near 1 is ~1e-7 per step.
        assertThat(worst).isLessThan(2e-6);
    }

    @Test
    void shouldLetTheMomentsOfAnIdleParameterReachZero() {
        ParameterSet params = ParameterSet.allocate(
                DataType.FLOAT, List.of(new ParameterSet.BlockSpec("w", 1, 3, ParameterRole.WEIGHT)));
        AdamOptimizer adam = new AdamOptimizer(params, 1e-4, 0.0);
        params.gradients().assign(Nd4j.create(new float[] {1e-3f, -0.5f, 2f}, new long[] {3}, DataType.FLOAT));
        adam.step();
        // From here on the gradient is 0: m shrinks by 0.9 a step, v by 0.999; both pass the subnormal range.
        for (int i = 0; i < 100_000; i++) {
            params.gradients().assign(0);
            adam.step();
        }
        // Unflushed, m sticks at a few times Float.MIN_VALUE, where 0.9 * m rounds back to m.
        assertThat(adam.state().toFloatVector()).containsOnly(0f);
    }
}
