package org.vmastream.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The MLP tail's backward pass against central finite differences of a linear read-out. */
class MlpTailGradientTest {

    @Test
    void shouldMatchFiniteDifferencesForEveryParameter() {
        SplittableRandom random = new SplittableRandom(3);
        ParameterSet params = ParameterSet.allocate(DataType.DOUBLE, MlpTail.specs("t", 5, 4, 3));
        double[] init = new double[(int) params.size()];
        for (int i = 0; i < init.length; i++) {
            init[i] = random.nextGaussian();
        }
        params.values().assign(Nd4j.create(init, new long[] {init.length}, DataType.DOUBLE));
        MlpTail tail = new MlpTail(params, "t", 5, 4, 3);
        INDArray input = gaussian(random, 7, 5);
        INDArray readout = gaussian(random, 7, 3);

        params.zeroGradients();
        INDArray dInput = tail.backward(tail.forward(input.dup()), readout.dup());
        double[] analytic = params.gradients().toDoubleVector();
        double step = 1e-6;
        for (long i = 0; i < params.size(); i++) {
            double original = params.values().getDouble(i);
            params.values().putScalar(i, original + step);
            double up =
                    tail.forward(input.dup()).output().mul(readout).sumNumber().doubleValue();
            params.values().putScalar(i, original - step);
            double down =
                    tail.forward(input.dup()).output().mul(readout).sumNumber().doubleValue();
            params.values().putScalar(i, original);
            assertThat(analytic[(int) i])
                    .as("parameter %d", i)
                    .isCloseTo((up - down) / (2 * step), org.assertj.core.data.Offset.offset(1e-6));
        }
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 5; c++) {
                INDArray plus = input.dup();
                plus.putScalar(r, c, input.getDouble(r, c) + step);
                INDArray minus = input.dup();
                minus.putScalar(r, c, input.getDouble(r, c) - step);
                double numeric =
                        (tail.forward(plus).output().mul(readout).sumNumber().doubleValue()
                                        - tail.forward(minus)
                                                .output()
                                                .mul(readout)
                                                .sumNumber()
                                                .doubleValue())
                                / (2 * step);
                assertThat(dInput.getDouble(r, c))
                        .as("input %d,%d", r, c)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    private static INDArray gaussian(SplittableRandom random, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, DataType.DOUBLE);
    }
}
