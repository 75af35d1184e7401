package org.vmastream.model.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arena allocation for one pass. Every array created inside the scope comes from a block that is
 * sized by the first pass and reused afterwards, which removes ND4J's per-array native allocation,
 * which costs more than the arithmetic on the array (docs/performance.md).
 * A pass larger than any before it grows the block when it closes: passes vary in size (the
 * scorer's batches grow with the load), and with ND4J's default spill policy every array beyond
 * a small first pass's size went to plain native allocation, pass after pass.
 * Arrays created in the scope are invalid once it closes: copy out (Java arrays, or
 * {@code detach()}) whatever must outlive it.
 */
public final class Workspaces {
    private static final WorkspaceConfiguration PASS = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {}

    /** Opens the calling thread's workspace with this name; close it (try-with-resources) to release. */
    public static MemoryWorkspace open(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(PASS, name);
    }
}
