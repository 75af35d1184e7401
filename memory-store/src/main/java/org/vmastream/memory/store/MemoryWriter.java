package org.vmastream.memory.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.vmastream.memory.EvictionPolicy;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;

/**
 * Changes memory sets: inserts with capacity and eviction, deletions, read counts. Every change
 * bumps the set's version. Used only from the stream thread that owns the stores' task.
 */
public final class MemoryWriter extends MemoryView {
    /** What an insertion did. */
    public enum Outcome {
        /** A new entry, the set had room. */
        ADDED,
        /** An entry with the same id was replaced in place. */
        UPDATED,
        /** A new entry; an older one was evicted to make room. */
        ADDED_WITH_EVICTION,
        /** The reservoir declined the exemplar; the set is unchanged except for its counters. */
        DECLINED
    }

    private final KeyValueStore<Bytes, byte[]> entryStore;
    private final KeyValueStore<Bytes, byte[]> indexStore;
    private final KeyValueStore<String, byte[]> setStore;
    private final KeyValueStore<Bytes, Long> readStore;
    private final MemoryStoreConfig config;

    public MemoryWriter(
            KeyValueStore<Bytes, byte[]> entries,
            KeyValueStore<Bytes, byte[]> index,
            KeyValueStore<String, byte[]> sets,
            KeyValueStore<Bytes, Long> reads,
            MemoryStoreConfig config,
            int maxRecordBytes) {
        super(entries, sets, reads, maxRecordBytes);
        this.entryStore = entries;
        this.indexStore = index;
        this.setStore = sets;
        this.readStore = reads;
        this.config = config;
    }

    /** Adds or replaces (same id) an exemplar that has passed validation for this set. */
    public Outcome insert(String set, Exemplar exemplar) {
        MemorySetState state = state(set).orElseGet(() -> emptyState(set, 0L));
        state.setOffered(state.getOffered() + 1);
        Bytes idKey = MemoryKeys.id(set, exemplar.getId());
        byte[] existing = indexStore.get(idKey);
        byte[] encoded = codec.encode(exemplar);
        Outcome outcome;
        if (existing != null) {
            entryStore.put(MemoryKeys.entry(set, sequence(existing)), encoded);
            outcome = Outcome.UPDATED;
        } else if (state.getSize() < config.capacity()) {
            append(set, state, idKey, encoded);
            outcome = Outcome.ADDED;
        } else if (config.eviction() == EvictionPolicy.FIFO) {
            removeEntry(set, state, oldest(set));
            state.setEvicted(state.getEvicted() + 1);
            append(set, state, idKey, encoded);
            outcome = Outcome.ADDED_WITH_EVICTION;
        } else {
            SplittableRandom random =
                    new SplittableRandom(config.seed() ^ set.hashCode() * 0x9E3779B97F4A7C15L ^ state.getOffered());
            if (random.nextLong(state.getOffered()) >= config.capacity()) {
                state.setEvicted(state.getEvicted() + 1);
                setStore.put(set, codec.encode(state));
                return Outcome.DECLINED;
            }
            removeEntry(set, state, nth(set, random.nextInt(state.getSize())));
            state.setEvicted(state.getEvicted() + 1);
            append(set, state, idKey, encoded);
            outcome = Outcome.ADDED_WITH_EVICTION;
        }
        if (state.getDimension() == 0) {
            state.setDimension(exemplar.getData().size());
        }
        state.setVersion(state.getVersion() + 1);
        setStore.put(set, codec.encode(state));
        return outcome;
    }

    /** Removes one exemplar by id; returns whether it was there. */
    public boolean delete(String set, String id) {
        MemorySetState state = state(set).orElse(null);
        byte[] sequence = indexStore.get(MemoryKeys.id(set, id));
        if (state == null || sequence == null) {
            return false;
        }
        removeEntry(set, state, MemoryKeys.entry(set, sequence(sequence)));
        state.setVersion(state.getVersion() + 1);
        if (state.getSize() == 0) {
            state.setDimension(0);
        }
        setStore.put(set, codec.encode(state));
        return true;
    }

    /** Removes every exemplar of the set; its version keeps growing so caches notice. Returns the count removed. */
    public int clear(String set) {
        MemorySetState state = state(set).orElse(null);
        if (state == null) {
            return 0;
        }
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it =
                entryStore.prefixScan(MemoryKeys.prefix(set), Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        for (Bytes key : keys) {
            removeEntry(set, state, key);
        }
        MemorySetState cleared = emptyState(set, state.getVersion() + 1);
        cleared.setNextSequence(state.getNextSequence());
        cleared.setOffered(state.getOffered());
        cleared.setEvicted(state.getEvicted());
        setStore.put(set, codec.encode(cleared));
        return keys.size();
    }

    /** Adds read counts: entry id to how many more events addressed it most probably. */
    public void addReads(String set, Map<String, Long> counts) {
        counts.forEach((id, count) -> {
            Bytes key = MemoryKeys.id(set, id);
            if (indexStore.get(key) != null) {
                Long old = readStore.get(key);
                readStore.put(key, (old == null ? 0 : old) + count);
            }
        });
    }

    private void append(String set, MemorySetState state, Bytes idKey, byte[] encoded) {
        long sequence = state.getNextSequence();
        entryStore.put(MemoryKeys.entry(set, sequence), encoded);
        indexStore.put(idKey, ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
        state.setNextSequence(sequence + 1);
        state.setSize(state.getSize() + 1);
    }

    private void removeEntry(String set, MemorySetState state, Bytes entryKey) {
        byte[] bytes = entryStore.delete(entryKey);
        if (bytes == null) {
            throw new IllegalStateException("memory set " + set + " has no entry at " + entryKey);
        }
        Bytes idKey = MemoryKeys.id(set, codec.exemplar(bytes).getId());
        indexStore.delete(idKey);
        readStore.delete(idKey);
        state.setSize(state.getSize() - 1);
    }

    private Bytes oldest(String set) {
        return nth(set, 0);
    }

    private Bytes nth(String set, int n) {
        try (KeyValueIterator<Bytes, byte[]> it =
                entryStore.prefixScan(MemoryKeys.prefix(set), Serdes.Bytes().serializer())) {
            for (int i = 0; i < n; i++) {
                it.next();
            }
            return it.next().key;
        }
    }

    private static long sequence(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    private static MemorySetState emptyState(String set, long version) {
        return MemorySetState.newBuilder()
                .setMemorySet(set)
                .setSize(0)
                .setDimension(0)
                .setNextSequence(0)
                .setVersion(version)
                .setOffered(0)
                .setEvicted(0)
                .build();
    }
}
