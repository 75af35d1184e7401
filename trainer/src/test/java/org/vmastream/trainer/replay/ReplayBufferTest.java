package org.vmastream.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vmastream.trainer.TestExemplars;

class ReplayBufferTest {

    @Test
    void shouldReplaceTheOldestExemplarWhenFull() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(3, 2);
        for (int i = 0; i < 4; i++) {
            assertThat(buffer.add(TestExemplars.of("e" + i, null, 0.1f * i, 0.5f)))
                    .isEmpty();
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.accepted()).isEqualTo(4);
        assertThat(rowsOf(buffer))
                .containsExactlyInAnyOrder(List.of(0.1f, 0.5f), List.of(0.2f, 0.5f), List.of(0.3f, 0.5f));
        float[] slot0 = new float[2];
        buffer.read(0, slot0, 0);
        assertThat(slot0[0]).isEqualTo(0.3f); // the fourth took the first's slot
    }

    @Test
    void shouldKeepTheLabelIndexInStepWithReplacement() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(3, 1);
        buffer.add(TestExemplars.of("a", "x", 0f));
        buffer.add(TestExemplars.of("b", "x", 0f));
        buffer.add(TestExemplars.of("c", "y", 0f));
        buffer.add(TestExemplars.of("d", "y", 1f)); // replaces a (x)
        buffer.add(TestExemplars.of("e", null, 1f)); // replaces b (x): x is gone

        assertThat(buffer.countOf("x")).isZero();
        assertThat(buffer.countOf("y")).isEqualTo(2);
        assertThat(buffer.labelCount()).isEqualTo(1);
        Set<Integer> ySlots = Set.of(buffer.slotWithLabel("y", 0), buffer.slotWithLabel("y", 1));
        assertThat(ySlots).containsExactlyInAnyOrder(0, 2);
        assertThat(buffer.label(1)).isNull();
        assertThat(buffer.label(0)).isEqualTo("y");
        assertThatThrownBy(() -> buffer.slotWithLabel("y", 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldRefuseExemplarsThatCannotBeBinarisedOrDoNotFit() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(4, 3);
        buffer.add(TestExemplars.of("ok", "x", 0f, 0.5f, 1f));

        assertThat(buffer.add(TestExemplars.withShape("s", "x", List.of(2, 2), 0f, 0f, 0f)))
                .contains(Rejection.SHAPE_MISMATCH);
        assertThat(buffer.add(TestExemplars.withShape("e", "x", List.of(0)))).contains(Rejection.EMPTY);
        assertThat(buffer.add(TestExemplars.of("d", "x", 0f, 0f, 0f, 0f))).contains(Rejection.DIMENSION_MISMATCH);
        assertThat(buffer.add(TestExemplars.of("n", "x", 0f, Float.NaN, 0f))).contains(Rejection.NOT_FINITE);
        assertThat(buffer.add(TestExemplars.of("i", "x", 0f, 0f, Float.POSITIVE_INFINITY)))
                .contains(Rejection.NOT_FINITE);
        assertThat(buffer.add(TestExemplars.of("lo", "x", -0.01f, 0f, 0f))).contains(Rejection.OUT_OF_RANGE);
        assertThat(buffer.add(TestExemplars.of("hi", "x", 0f, 1.5f, 0f))).contains(Rejection.OUT_OF_RANGE);

        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.countOf("x")).isEqualTo(1);
        assertThat(buffer.rejected(Rejection.NOT_FINITE)).isEqualTo(2);
        assertThat(buffer.rejected(Rejection.OUT_OF_RANGE)).isEqualTo(2);
        assertThat(buffer.rejections()).containsOnlyKeys(Rejection.values());
        float[] row = new float[3];
        buffer.read(0, row, 0);
        assertThat(row).containsExactly(0f, 0.5f, 1f);
    }

    @Test
    void shouldTakeTheFirstDimensionThatAQuorumOfValidExemplarsShares() {
        ReplayBuffer buffer = ReplayBuffer.dimensionByQuorum(5, 2);
        assertThat(buffer.dimension()).isZero();

        assertThat(buffer.add(TestExemplars.of("bad", null, 2f, 0f))).contains(Rejection.OUT_OF_RANGE);
        assertThat(buffer.add(TestExemplars.of("stray", null, 0f, 1f))).isEmpty();
        assertThat(buffer.add(TestExemplars.of("a", null, 0f, 1f, 0f))).isEmpty();
        assertThat(buffer.dimension()).isZero();
        assertThat(buffer.size()).isZero();

        assertThat(buffer.add(TestExemplars.of("b", null, 1f, 1f, 0f))).isEmpty();

        assertThat(buffer.dimension()).isEqualTo(3);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.rejected(Rejection.DIMENSION_MISMATCH)).isEqualTo(1);
        float[] row = new float[3];
        buffer.read(1, row, 0);
        assertThat(row).containsExactly(1f, 1f, 0f);
        assertThat(buffer.add(TestExemplars.of("other", null, 0f, 1f))).contains(Rejection.DIMENSION_MISMATCH);
    }

    @Test
    void shouldRefuseExemplarsOfTooManyDimensionsWhileNoneHasAQuorum() {
        ReplayBuffer buffer = ReplayBuffer.dimensionByQuorum(100, 2);
        for (int d = 1; d <= ReplayBuffer.MAX_CANDIDATE_DIMENSIONS; d++) {
            assertThat(buffer.add(TestExemplars.of("d" + d, null, new float[d])))
                    .isEmpty();
        }

        assertThat(buffer.add(TestExemplars.of("one more", null, new float[40])))
                .contains(Rejection.DIMENSION_MISMATCH);
        assertThat(buffer.add(TestExemplars.of("second 1", null, 0f))).isEmpty();
        assertThat(buffer.dimension()).isEqualTo(1);
        assertThat(buffer.rejected(Rejection.DIMENSION_MISMATCH)).isEqualTo(ReplayBuffer.MAX_CANDIDATE_DIMENSIONS);
    }

    @Test
    void shouldRefuseAShapeWithAnExtentBelowOne() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(5, 4);

        assertThat(buffer.add(TestExemplars.withShape("negative", null, List.of(-2, -2), 0f, 0f, 0f, 0f)))
                .contains(Rejection.SHAPE_MISMATCH);
    }

    @Test
    void shouldRefuseSlotsNotInUse() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(5, 1);
        buffer.add(TestExemplars.of("a", null, 0f));

        assertThatThrownBy(() -> buffer.label(1))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("holds 1");
    }

    private static Set<List<Float>> rowsOf(ReplayBuffer buffer) {
        Set<List<Float>> rows = new HashSet<>();
        float[] row = new float[buffer.dimension()];
        for (int slot = 0; slot < buffer.size(); slot++) {
            buffer.read(slot, row, 0);
            rows.add(List.of(row[0], row[1]));
        }
        return rows;
    }
}
