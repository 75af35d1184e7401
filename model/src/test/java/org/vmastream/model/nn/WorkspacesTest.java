package org.vmastream.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.abstracts.Nd4jWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class WorkspacesTest {

    /** Bytes that went to plain native allocation in one pass of {@code rows} x 100 arrays. */
    private static long spilledInPass(String name, int rows) {
        try (MemoryWorkspace workspace = Workspaces.open(name)) {
            for (int i = 0; i < 4; i++) {
                INDArray array = Nd4j.createUninitialized(DataType.FLOAT, rows, 100);
                assertThat(array.isAttached()).isTrue();
            }
            return ((Nd4jWorkspace) workspace).getSpilledSize();
        }
    }

    @Test
    void aPassLargerThanTheFirstGrowsTheWorkspaceSoThatTheNextSuchPassDoesNotSpill() {
        String name = "workspaces-test-growth";
        spilledInPass(name, 2); // the learning pass: ND4J allocates it outside and sizes the workspace by it
        assertThat(spilledInPass(name, 2))
                .as("the first pass sized the workspace")
                .isEqualTo(0);
        assertThat(spilledInPass(name, 200) > 0)
                .as("a larger pass than the first spills once")
                .isTrue();
        assertThat(spilledInPass(name, 200)).as("and then fits").isEqualTo(0);
        assertThat(spilledInPass(name, 50)).as("as do smaller ones").isEqualTo(0);
    }
}
