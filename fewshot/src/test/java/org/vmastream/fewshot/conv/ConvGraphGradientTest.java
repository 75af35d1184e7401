package org.vmastream.fewshot.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every trainable variable's gradient of the surrogate loss against central finite differences, in double
 * precision on a tiny instance (8x8 images, 2 maps), with addresses, noise, weights and signals frozen.
 */
class ConvGraphGradientTest {
    private static final int TARGETS = 2;
    private static final int SAMPLES = 3;
    private static final int ENTRIES = 4;
    private static final double STEP = 1e-6;

    static List<Arguments> models() {
        return List.of(
                Arguments.of(new ConvConfig(ModelKind.VMA, 8, 2, 2, 4, 3, true)),
                Arguments.of(new ConvConfig(ModelKind.VMA, 8, 2, 2, 4, 3, false)),
                Arguments.of(new ConvConfig(ModelKind.VAE, 8, 2, 2, 4, 3, false)),
                Arguments.of(new ConvConfig(ModelKind.SOFT_ATTENTION, 8, 2, 2, 4, 3, false)));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyVariableGradientMatchesFiniteDifferences(ConvConfig config) {
        SameDiff sd = ConvGraph.build(config, DataType.DOUBLE, 7);
        Map<String, INDArray> feed = TinyFeeds.of(config, TARGETS, SAMPLES, ENTRIES, new SplittableRandom(11));
        List<String> names = new ArrayList<>();
        for (SDVariable variable : sd.variables()) {
            if (variable.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) {
                names.add(variable.name());
            }
        }
        SplittableRandom pick = new SplittableRandom(3);
        for (String name : names) {
            // Zero biases put ReLUs exactly on their kink wherever an input patch is blank, where a finite
            // difference sees half a slope: check at a generic point instead.
            INDArray values = sd.getVariable(name).getArr();
            for (long i = 0; i < values.length(); i++) {
                values.putScalar(i, values.getDouble(i) + 0.05 * pick.nextGaussian());
            }
        }
        Map<String, INDArray> gradients = sd.calculateGradients(feed, names);
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            INDArray values = sd.getVariable(name).getArr();
            INDArray gradient = gradients.get(name);
            for (int repeat = 0; repeat < 2; repeat++) {
                long index = pick.nextLong(values.length());
                double original = values.getDouble(index);
                values.putScalar(index, original + STEP);
                double plus = loss(sd, feed);
                values.putScalar(index, original - STEP);
                double minus = loss(sd, feed);
                values.putScalar(index, original);
                double numeric = (plus - minus) / (2 * STEP);
                double analytic = gradient.getDouble(index);
                if (Math.abs(numeric - analytic) > 1e-5 + 1e-4 * Math.abs(numeric)) {
                    failures.add(name + "[" + index + "]: analytic " + analytic + ", numeric " + numeric);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    private static double loss(SameDiff sd, Map<String, INDArray> feed) {
        return sd.output(new HashMap<>(feed), GraphNames.LOSS)
                .get(GraphNames.LOSS)
                .getDouble(0);
    }
}
