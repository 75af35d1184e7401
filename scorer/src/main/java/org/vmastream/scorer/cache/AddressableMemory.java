package org.vmastream.scorer.cache;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.scorer.model.ServingModel;

/**
 * One memory set encoded for one model version: everything a batch needs that does not depend on
 * the events, computed once and reused until the memory or the model changes.
 *
 * @param memoryVersion   version of the set it was built from
 * @param model           the model version it was encoded with, which alone may score against it
 * @param exemplarCount   exemplars in the set (the encoding may add fallback or learned entries)
 * @param encoding        the model's per-entry quantities, or null for a memory-less model
 * @param entryIds        id reported for every addressable entry (exemplar id, or a fallback/learned name)
 * @param entryLabels     label of every addressable entry, or null
 * @param groups          entries grouped by label, for the predicted label
 * @param groupLabels     label of each group
 * @param truncation      how events are scored through the top entries of a key index over the encoding's
 *                        keys, or null when they are scored against every entry
 * @param headFeatures    the label head's unit features of the exemplars (exemplarCount x width), or null
 *                        when the model version has no head that reads this memory, or the set is truncated
 */
public record AddressableMemory(
        long memoryVersion,
        ServingModel model,
        int exemplarCount,
        MemoryEncoding encoding,
        String[] entryIds,
        String[] entryLabels,
        AddressGroups groups,
        String[] groupLabels,
        TruncatedAddressing truncation,
        INDArray headFeatures) {
    /** Version of the model it was encoded with. */
    public long modelVersion() {
        return model.version();
    }
}
