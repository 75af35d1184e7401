package org.vmastream.scorer.cache;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.scorer.model.ServingModel;

/**
 * Encoded memories by set, each valid for one (memory version, model version): embeddings h(m),
 * prior logits and the memory halves of first layers are computed once per change, not per event.
 * Least recently used sets are dropped beyond a bound, so many idle sets do not pin native memory.
 * Used by one stream thread.
 */
public final class MemoryCache {
    /** Error types of events whose memory cannot be addressed. */
    public static final String UNKNOWN_MEMORY_SET = "UNKNOWN_MEMORY_SET";
    public static final String EMPTY_MEMORY = "EMPTY_MEMORY";
    public static final String DIMENSION_MISMATCH = "DIMENSION_MISMATCH";

    /** Entries embedded per slice when a large memory's keys are encoded. */
    private static final int KEY_SLICE = 16384;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryCache.class);

    private final Map<String, AddressableMemory> bySet;
    private final TruncationPolicy truncation;

    /** Snapshot supplier, called only on a cache miss. */
    @FunctionalInterface
    public interface SnapshotSource {
        MemorySnapshot snapshot(String set);
    }

    /**
     * @param maxSets    sets kept encoded at most
     * @param truncation which sets are scored through a key index over their top entries
     */
    public MemoryCache(int maxSets, TruncationPolicy truncation) {
        this.truncation = truncation;
        this.bySet = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AddressableMemory> eldest) {
                return size() > maxSets;
            }
        };
    }

    /**
     * The set encoded for this model, rebuilt only if the set or the model changed.
     *
     * @param state the set's bookkeeping, or null for a set never seen
     * @throws MemoryMismatchException if the model cannot address this memory
     */
    public AddressableMemory get(String set, MemorySetState state, ServingModel model, SnapshotSource source) {
        ModelConfig config = model.model().config();
        long memoryVersion = state == null ? -1 : state.getVersion();
        AddressableMemory cached = bySet.get(set);
        if (cached != null && cached.memoryVersion() == memoryVersion && cached.modelVersion() == model.version()) {
            return cached;
        }
        AddressableMemory built = switch (config.memory()) {
            case NONE -> new AddressableMemory(memoryVersion, model.version(), 0, null, new String[0], new String[0],
                    new AddressGroups(new int[0], 0), new String[0], null, null);
            case LEARNED -> named(memoryVersion, model, model.model().memoryFor(null), "learned:", new String[0],
                    new String[0], null);
            case EXEMPLAR -> exemplars(set, state, model, source);
        };
        bySet.put(set, built);
        return built;
    }

    private AddressableMemory exemplars(String set, MemorySetState state, ServingModel model, SnapshotSource source) {
        VmaModel vma = model.model();
        ModelConfig config = vma.config();
        boolean empty = state == null || state.getSize() == 0;
        if (empty && config.fallbackEntries() == 0) {
            throw state == null
                    ? new MemoryMismatchException(UNKNOWN_MEMORY_SET, "memory set '" + set
                    + "' has never received an exemplar: no record keyed '" + set + "' has reached the exemplar topic"
                    + " (events are routed to their set's memory whatever partitioner their producer used)")
                    : new MemoryMismatchException(EMPTY_MEMORY, "memory set '" + set + "' is empty and model version "
                    + model.version() + " has no fallback entries");
        }
        MemorySnapshot snapshot = empty ? null : source.snapshot(set);
        if (snapshot != null && snapshot.dimension() != config.memoryDim()) {
            throw new MemoryMismatchException(DIMENSION_MISMATCH, "memory set '" + set + "' holds entries of "
                    + snapshot.dimension() + " values; model version " + model.version() + " expects " + config.memoryDim());
        }
        INDArray rows = snapshot == null ? null
                : Nd4j.create(binarised(snapshot.values()), new long[] {snapshot.size(), snapshot.dimension()}, 'c');
        INDArray entries = vma.memoryFor(rows);
        String[] ids = snapshot == null ? new String[0] : snapshot.ids();
        String[] labels = snapshot == null ? new String[0] : snapshot.labels();
        return named(state.getVersion(), model, entries, "fallback:", ids, labels, rows);
    }

    /**
     * Encodes the entries; entries past the exemplars get generated names (fallback or learned). A
     * memory larger than the truncation policy allows gets keys only and a key index over them, and no
     * label-head features (its novelty uses the matching space).
     *
     * @param exemplarRows the binarised exemplars, or null without any
     */
    private AddressableMemory named(long memoryVersion, ServingModel model, INDArray entries, String prefix,
                                    String[] exemplarIds, String[] exemplarLabels, INDArray exemplarRows) {
        VmaModel vma = model.model();
        int size = (int) entries.rows();
        boolean truncated = truncation.truncates(size) && vma.config().similarity() != Similarity.DOT;
        MemoryEncoding encoding;
        TruncatedAddressing addressing = null;
        if (truncated) {
            long start = System.nanoTime();
            encoding = vma.encodeKeys(entries, KEY_SLICE);
            KeyIndex index = KeyIndex.build(encoding.keys().transformed().toFloatMatrix(), vma.config().embeddingDim(),
                    truncation.index(), Runtime.getRuntime().availableProcessors(), size);
            addressing = new TruncatedAddressing(index, truncation.candidates());
            LOG.info("{} entries (model version {}) are scored through the top {} of a key index, built in {} ms",
                    size, model.version(), truncation.candidates(), (System.nanoTime() - start) / 1_000_000);
        } else {
            encoding = vma.encodeMemory(entries);
        }
        String[] ids = new String[size];
        String[] labels = new String[size];
        Map<String, Integer> groupOf = new HashMap<>();
        int[] groups = new int[size];
        for (int i = 0; i < size; i++) {
            boolean exemplar = i < exemplarIds.length;
            ids[i] = exemplar ? exemplarIds[i] : prefix + (i - exemplarIds.length);
            labels[i] = exemplar ? exemplarLabels[i] : null;
            groups[i] = labels[i] == null ? -1 : groupOf.computeIfAbsent(labels[i], l -> groupOf.size());
        }
        String[] groupLabels = new String[groupOf.size()];
        groupOf.forEach((label, index) -> groupLabels[index] = label);
        LabelHead head = model.head();
        INDArray headFeatures = head == null || truncated || exemplarRows == null
                || head.inputs() != exemplarRows.columns() ? null : head.features(exemplarRows);
        return new AddressableMemory(memoryVersion, model.version(), exemplarIds.length, encoding, ids, labels,
                new AddressGroups(groups, groupLabels.length), groupLabels, addressing, headFeatures);
    }

    /** The scorer reads values as Bernoulli data: grey levels are thresholded at 0.5, as in evaluation. */
    public static float[] binarised(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] > 0.5f ? 1f : 0f;
        }
        return out;
    }

    /** Drops every cached set, e.g. when a task's stores are closed. */
    public void clear() {
        bySet.clear();
    }
}
