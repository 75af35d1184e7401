package org.vmastream.scorer.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.diagnostics.TopAddress;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.scorer.cache.AddressableMemory;
import org.vmastream.scorer.novelty.Verdict;

/** Turns the model's diagnostics of one event into the Score record users consume. */
final class ScoreFactory {
    private ScoreFactory() {}

    /**
     * @param head  the label head's terms of the event's batch, or null
     * @param index the event's row in {@code head}
     */
    static Score score(
            ScoreRequest event,
            ExampleDiagnostics d,
            long modelVersion,
            MemorySetState state,
            AddressableMemory memory,
            Verdict verdict,
            HeadTerms head,
            int index,
            double anomalyThreshold,
            double latencyMillis) {
        List<Address> top = new ArrayList<>(d.topAddresses().size());
        for (TopAddress address : d.topAddresses()) {
            top.add(new Address(
                    memory.entryIds()[address.index()], memory.entryLabels()[address.index()], address.probability()));
        }
        boolean predicted = d.bestGroup() >= 0;
        return Score.newBuilder()
                .setEventId(event.getId())
                .setMemorySet(event.getMemorySet())
                .setModelVersion(modelVersion)
                .setMemoryVersion(state == null ? 0 : state.getVersion())
                .setMemorySize(state == null ? 0 : state.getSize())
                .setBound(d.bound())
                .setK(d.samples())
                .setReconstruction(d.reconstruction())
                .setKlAddress(d.klAddress())
                .setKlLatent(d.klLatent())
                .setTopAddresses(top)
                .setPredictedLabel(predicted ? memory.groupLabels()[d.bestGroup()] : null)
                .setPredictedProbability(predicted ? d.bestGroupMass() : null)
                .setAnomaly(verdict.anomaly())
                .setAnomalyThreshold(anomalyThreshold)
                .setLatencyMillis(latencyMillis)
                .setTimestamp(Instant.now())
                .setAddressEntropy(memory.encoding() == null ? null : d.addressEntropy())
                .setMemoryMatch(verdict.memoryMatch())
                .setNovelty(verdict.novelty())
                .setPValue(verdict.pValue())
                .setAnomalyRate(verdict.anomalyRate())
                .setTruncatedCandidates(
                        memory.truncation() == null ? null : memory.truncation().candidates())
                .setHeadEnergy(head == null ? null : head.energy()[index])
                .setFeatureMatch(
                        head == null || !Double.isFinite(head.featureMatch()[index])
                                ? null
                                : head.featureMatch()[index])
                .setHeadLabel(head == null ? null : head.labels()[index])
                .setHeadProbability(head == null ? null : head.probability()[index])
                .build();
    }
}
