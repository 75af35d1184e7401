package org.vmastream.scorer.novelty;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.schemas.serde.AvroSerde;
import org.vmastream.scorer.AnomalyPolicy;

/**
 * Each memory set's latest reference scores, in a persistent, changelogged store (so a restarted
 * or rebalanced task calibrates at once, without a warm-up), with their calibrations cached.
 * Used only from the stream thread of the task that owns the store.
 */
public final class ReferenceStore {
    /** Name of the store: memory set to its {@link ReferenceScores} Avro bytes. */
    public static final String STORE = "vma-reference-scores";

    private static final AvroSerde<ReferenceScores> SERDE = new AvroSerde<>(ReferenceScores.class, Integer.MAX_VALUE);

    private final KeyValueStore<String, byte[]> store;
    private final Map<String, NoveltyCalibration> calibrations = new HashMap<>();

    public ReferenceStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The builder of the store. */
    public static StoreBuilder<KeyValueStore<String, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray());
    }

    /** The set's calibration from its latest reference scores, if it has any. */
    public Optional<NoveltyCalibration> calibration(String set) {
        NoveltyCalibration cached = calibrations.get(set);
        if (cached == null) {
            byte[] bytes = store.get(set);
            if (bytes == null) {
                return Optional.empty();
            }
            cached = NoveltyCalibration.of(SERDE.deserialize(STORE, bytes));
            calibrations.put(set, cached);
        }
        return Optional.of(cached);
    }

    /** Keeps new reference scores of a set (replacing the old) and returns their calibration. */
    public NoveltyCalibration put(ReferenceScores scores) {
        store.put(scores.getMemorySet(), SERDE.serialize(STORE, scores));
        NoveltyCalibration calibration = NoveltyCalibration.of(scores);
        calibrations.put(scores.getMemorySet(), calibration);
        return calibration;
    }

    /**
     * Whether the set's references must be scored (again) before events are scored with this model
     * version against this memory: never scored, another model version, or memory or pool changed by
     * the policy's refresh share of their size. False when the pool is empty (nothing to score).
     *
     * @param memory the set's memory state (null for a set without one)
     * @param pool   the set's reference pool state (null when it has none)
     */
    public boolean stale(
            String set, long modelVersion, MemorySetState memory, MemorySetState pool, AnomalyPolicy policy) {
        if (pool == null || pool.getSize() == 0) {
            return false;
        }
        Optional<NoveltyCalibration> current = calibration(set);
        if (current.isEmpty()) {
            return true;
        }
        ReferenceScores scored = current.get().references();
        return scored.getModelVersion() != modelVersion
                || changed(
                        scored.getMemoryVersion(),
                        memory == null ? 0 : memory.getVersion(),
                        memory == null ? 0 : memory.getSize(),
                        policy)
                || changed(scored.getReferenceVersion(), pool.getVersion(), pool.getSize(), policy);
    }

    private static boolean changed(long scoredVersion, long version, int size, AnomalyPolicy policy) {
        return Math.abs(version - scoredVersion) >= Math.max(1, policy.refresh() * size);
    }
}
