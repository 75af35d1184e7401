package org.vmastream.scorer.cache;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
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
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.serde.ErrorType;
import org.vmastream.scorer.model.ServingModel;

/**
 * Encoded memories by set, each valid for one (memory version, model version): embeddings h(m),
 * prior logits and the memory halves of first layers are computed once per change, not per event.
 * Least recently used sets are dropped beyond a bound, so many idle sets do not pin native memory.
 * Used by one stream thread.
 *
 * <p>A set scored through a key index (above the truncation threshold) is re-encoded in the
 * background when its memory or the model changes: building keys and index for a large set takes
 * minutes, longer than a stream thread may go without polling. Until the new encoding is ready the
 * set keeps the one it has, with the model version that encoded it (scores stamp that version), and
 * then the new one replaces it in one step. One rebuild per set runs at a time; what changed during
 * it is picked up by the next. The first encoding of a set is built at once, since nothing could
 * score its events before it.
 */
public final class MemoryCache {
    /** Entries embedded per slice when a large memory's keys are encoded. */
    private static final int KEY_SLICE = 16384;

    private static final Logger LOG = LoggerFactory.getLogger(MemoryCache.class);

    private final Map<String, AddressableMemory> bySet;
    private final Map<String, Rebuild> rebuilding = new HashMap<>();
    private final TruncationPolicy truncation;
    private final Executor background;

    /** A background re-encoding of one set for one (memory version, model version). */
    private record Rebuild(long memoryVersion, long modelVersion, CompletableFuture<AddressableMemory> result) {}

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
        this(maxSets, truncation, SharedEncoder.EXECUTOR);
    }

    /**
     * @param background where large sets are re-encoded (one shared thread in production, so that
     *                   rebuilds do not multiply with stream tasks)
     */
    MemoryCache(int maxSets, TruncationPolicy truncation, Executor background) {
        this.truncation = truncation;
        this.background = background;
        this.bySet = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AddressableMemory> eldest) {
                return size() > maxSets;
            }
        };
    }

    /**
     * The set encoded for this model, rebuilt only if the set or the model changed. For a set scored
     * through a key index this may be the previous encoding, with the model version it was built
     * with, while the new one is built in the background (see the class comment): callers score with
     * {@link AddressableMemory#model()}, not with {@code model}.
     *
     * @param state the set's bookkeeping, or null for a set never seen
     * @throws MemoryMismatchException if the model cannot address this memory
     */
    public AddressableMemory get(String set, MemorySetState state, ServingModel model, SnapshotSource source) {
        ModelConfig config = model.model().config();
        long memoryVersion = state == null ? -1 : state.getVersion();
        AddressableMemory cached = bySet.get(set);
        if (current(cached, memoryVersion, model)) {
            return cached;
        }
        Rebuild rebuild = rebuilding.get(set);
        if (rebuild != null && rebuild.result().isDone()) {
            rebuilding.remove(set);
            AddressableMemory rebuilt = rebuild.result()
                    .exceptionally(failure -> {
                        LOG.warn(
                                "re-encoding memory set '{}' in the background failed ({}); encoding it at once",
                                set,
                                failure.getMessage());
                        return null;
                    })
                    .join();
            if (rebuilt == null) {
                return encodeNow(set, state, model, source);
            }
            if (cached != null
                    && (rebuilt.modelVersion() < cached.modelVersion()
                            || rebuilt.memoryVersion() < cached.memoryVersion())) {
                return get(set, state, model, source);
            }
            bySet.put(set, rebuilt);
            LOG.info(
                    "memory set '{}' now scores with model version {} (memory version {})",
                    set,
                    rebuilt.modelVersion(),
                    rebuilt.memoryVersion());
            cached = rebuilt;
            if (current(cached, memoryVersion, model)) {
                return cached;
            }
        }
        if (cached != null
                && cached.truncation() != null
                && config.memory() == MemoryKind.EXEMPLAR
                && state != null
                && truncation.truncates(state.getSize() + config.fallbackEntries())) {
            if (!rebuilding.containsKey(set)) {
                MemorySnapshot snapshot = source.snapshot(set);
                rebuilding.put(
                        set,
                        new Rebuild(
                                memoryVersion,
                                model.version(),
                                CompletableFuture.supplyAsync(
                                        () -> exemplars(set, state, model, ignored -> snapshot), background)));
                LOG.info(
                        "re-encoding memory set '{}' ({} entries) for model version {} in the background; model"
                                + " version {} scores it meanwhile",
                        set,
                        state.getSize(),
                        model.version(),
                        cached.modelVersion());
            }
            return cached;
        }
        return encodeNow(set, state, model, source);
    }

    /** Whether {@code cached} is the encoding of this memory version by this model. */
    private static boolean current(AddressableMemory cached, long memoryVersion, ServingModel model) {
        return cached != null && cached.memoryVersion() == memoryVersion && cached.modelVersion() == model.version();
    }

    private AddressableMemory encodeNow(String set, MemorySetState state, ServingModel model, SnapshotSource source) {
        ModelConfig config = model.model().config();
        long memoryVersion = state == null ? -1 : state.getVersion();
        AddressableMemory built = switch (config.memory()) {
            case NONE ->
                new AddressableMemory(
                        memoryVersion,
                        model,
                        0,
                        null,
                        new String[0],
                        new String[0],
                        new AddressGroups(new int[0], 0),
                        new String[0],
                        null,
                        null);
            case LEARNED ->
                named(
                        memoryVersion,
                        model,
                        model.model().memoryFor(null),
                        "learned:",
                        new String[0],
                        new String[0],
                        null);
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
                    ? new MemoryMismatchException(
                            ErrorType.UNKNOWN_MEMORY_SET,
                            "memory set '" + set
                                    + "' has never received an exemplar: no record keyed '" + set
                                    + "' has reached the exemplar topic"
                                    + " (events are routed to their set's memory whatever partitioner their producer used)")
                    : new MemoryMismatchException(
                            ErrorType.EMPTY_MEMORY,
                            "memory set '" + set + "' is empty and model version " + model.version()
                                    + " has no fallback entries");
        }
        MemorySnapshot snapshot = empty ? null : source.snapshot(set);
        if (snapshot != null && snapshot.dimension() != config.memoryDim()) {
            throw new MemoryMismatchException(
                    ErrorType.DIMENSION_MISMATCH,
                    "memory set '" + set + "' holds entries of " + snapshot.dimension() + " values; model version "
                            + model.version() + " expects " + config.memoryDim());
        }
        INDArray rows = snapshot == null
                ? null
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
    private AddressableMemory named(
            long memoryVersion,
            ServingModel model,
            INDArray entries,
            String prefix,
            String[] exemplarIds,
            String[] exemplarLabels,
            INDArray exemplarRows) {
        VmaModel vma = model.model();
        int size = (int) entries.rows();
        boolean truncated = truncation.truncates(size) && vma.config().similarity() != Similarity.DOT;
        MemoryEncoding encoding;
        TruncatedAddressing addressing = null;
        if (truncated) {
            long start = System.nanoTime();
            encoding = vma.encodeKeys(entries, KEY_SLICE);
            KeyIndex index = KeyIndex.build(
                    encoding.keys().transformed().toFloatMatrix(),
                    vma.config().embeddingDim(),
                    truncation.index(),
                    Runtime.getRuntime().availableProcessors(),
                    size);
            addressing = new TruncatedAddressing(index, truncation.candidates());
            LOG.info(
                    "{} entries (model version {}) are scored through the top {} of a key index, built in {} ms",
                    size,
                    model.version(),
                    truncation.candidates(),
                    (System.nanoTime() - start) / 1_000_000);
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
        INDArray headFeatures =
                head == null || truncated || exemplarRows == null || head.inputs() != exemplarRows.columns()
                        ? null
                        : head.features(exemplarRows);
        return new AddressableMemory(
                memoryVersion,
                model,
                exemplarIds.length,
                encoding,
                ids,
                labels,
                new AddressGroups(groups, groupLabels.length),
                groupLabels,
                addressing,
                headFeatures);
    }

    /** The scorer reads values as Bernoulli data: grey levels are thresholded at 0.5, as in evaluation. */
    public static float[] binarised(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] > 0.5f ? 1f : 0f;
        }
        return out;
    }

    /** Drops every cached set, e.g. when a task's stores are closed; rebuilds under way are abandoned. */
    public void clear() {
        bySet.clear();
        rebuilding.clear();
    }

    /** The thread every cache of this JVM re-encodes large sets on. */
    private static final class SharedEncoder {
        static final Executor EXECUTOR = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vma-memory-encoder");
            thread.setDaemon(true);
            return thread;
        });
    }
}
