package org.vmastream.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.ModelConfigs;

/** Blocks are disjoint views of the flat vectors, laid out by role. */
class ParameterSetTest {

    @Test
    void shouldMapEveryBlockToItsOwnRangeOfTheFlatVector() {
        ParameterSet params = ParameterSet.allocate(DataType.DOUBLE, ModelConfigs.tinyLayout());
        params.values().assign(Nd4j.arange(params.size()).castTo(DataType.DOUBLE));
        params.gradients().assign(Nd4j.arange(params.size()).castTo(DataType.DOUBLE));
        for (ParameterSet.Block block : params.blocks()) {
            double[] values = block.value().reshape(block.length()).toDoubleVector();
            double[] gradients = block.gradient().reshape(block.length()).toDoubleVector();
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).as("%s value %d", block.name(), i).isEqualTo(block.offset() + i);
                assertThat(gradients[i]).as("%s gradient %d", block.name(), i).isEqualTo(block.offset() + i);
            }
        }
    }

    @Test
    void shouldWriteThroughBlockViewsIntoTheFlatVector() {
        ParameterSet params = ParameterSet.allocate(DataType.DOUBLE, ModelConfigs.tinyLayout());
        for (ParameterSet.Block block : params.blocks()) {
            block.gradient().addi(1.0);
        }
        assertThat(params.gradients().minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(params.gradients().maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void shouldKeepEachRoleContiguous() {
        ParameterSet params = ParameterSet.allocate(
                DataType.DOUBLE,
                List.of(
                        new ParameterSet.BlockSpec("m", 2, 3, ParameterRole.MEMORY),
                        new ParameterSet.BlockSpec("b", 1, 3, ParameterRole.BIAS),
                        new ParameterSet.BlockSpec("w", 3, 3, ParameterRole.WEIGHT)));
        assertThat(params.block("w").offset()).isZero();
        assertThat(params.valuesOf(ParameterRole.WEIGHT).length()).isEqualTo(9);
        assertThat(params.valuesOf(ParameterRole.BIAS).length()).isEqualTo(3);
        assertThat(params.valuesOf(ParameterRole.MEMORY).length()).isEqualTo(6);
    }
}
