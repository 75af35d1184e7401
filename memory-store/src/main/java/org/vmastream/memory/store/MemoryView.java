package org.vmastream.memory.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.update.MemoryUpdateProcessor;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;

/** Read access to the memory sets, over either a processor's stores or interactive-query views of them. */
public class MemoryView {
    final ReadOnlyKeyValueStore<Bytes, byte[]> entries;
    final ReadOnlyKeyValueStore<String, byte[]> sets;
    final ReadOnlyKeyValueStore<Bytes, Long> reads;
    final MemoryCodec codec;

    /**
     * @param maxRecordBytes largest exemplar encoding to decode (as accepted on the exemplar topic)
     */
    public MemoryView(
            ReadOnlyKeyValueStore<Bytes, byte[]> entries,
            ReadOnlyKeyValueStore<String, byte[]> sets,
            ReadOnlyKeyValueStore<Bytes, Long> reads,
            int maxRecordBytes) {
        this.entries = entries;
        this.sets = sets;
        this.reads = reads;
        this.codec = new MemoryCodec(maxRecordBytes);
    }

    /**
     * A view over the interactive-query stores of a running streams application (every memory set
     * of this instance's tasks).
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the application is not running yet
     */
    public static MemoryView query(KafkaStreams streams, MemoryStoreConfig config) {
        return new MemoryView(
                streams.store(StoreQueryParameters.fromNameAndType(
                        MemoryStores.ENTRIES, QueryableStoreTypes.keyValueStore())),
                streams.store(
                        StoreQueryParameters.fromNameAndType(MemoryStores.SETS, QueryableStoreTypes.keyValueStore())),
                streams.store(
                        StoreQueryParameters.fromNameAndType(MemoryStores.READS, QueryableStoreTypes.keyValueStore())),
                MemoryUpdateProcessor.maxRecordBytes(config));
    }

    /**
     * A view over the interactive-query stores of the held-out references (exemplars kept out of
     * memory to calibrate novelty), like {@link #query} for memory.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the application is not running yet
     */
    public static MemoryView queryReferences(KafkaStreams streams, MemoryStoreConfig config) {
        return new MemoryView(
                streams.store(StoreQueryParameters.fromNameAndType(
                        MemoryStores.REFERENCE_ENTRIES, QueryableStoreTypes.keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(
                        MemoryStores.REFERENCE_SETS, QueryableStoreTypes.keyValueStore())),
                streams.store(StoreQueryParameters.fromNameAndType(
                        MemoryStores.REFERENCE_READS, QueryableStoreTypes.keyValueStore())),
                MemoryUpdateProcessor.maxRecordBytes(config));
    }

    /** The set's bookkeeping, or empty for a set never seen (or cleared and forgotten). */
    public Optional<MemorySetState> state(String set) {
        byte[] bytes = sets.get(set);
        return bytes == null ? Optional.empty() : Optional.of(codec.state(bytes));
    }

    /** Every known set. */
    public List<MemorySetState> sets() {
        List<MemorySetState> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = sets.all()) {
            all.forEachRemaining(kv -> out.add(codec.state(kv.value)));
        }
        return out;
    }

    /** The set's entries and values, oldest first; empty arrays for an unknown or empty set. */
    public MemorySnapshot snapshot(String set) {
        MemorySetState state = state(set).orElse(null);
        if (state == null || state.getSize() == 0) {
            return new MemorySnapshot(
                    set, state == null ? 0 : state.getVersion(), 0, new String[0], new String[0], new float[0]);
        }
        int size = state.getSize();
        int dimension = state.getDimension();
        String[] ids = new String[size];
        String[] labels = new String[size];
        float[] values = new float[size * dimension];
        int row = 0;
        try (KeyValueIterator<Bytes, byte[]> it =
                entries.prefixScan(MemoryKeys.prefix(set), Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                Exemplar exemplar = codec.exemplar(it.next().value);
                if (row == size) {
                    throw new IllegalStateException("memory set " + set + " holds more entries than its size " + size);
                }
                ids[row] = exemplar.getId();
                labels[row] = exemplar.getLabel();
                List<Float> data = exemplar.getData();
                for (int d = 0; d < dimension; d++) {
                    values[row * dimension + d] = data.get(d);
                }
                row++;
            }
        }
        if (row != size) {
            throw new IllegalStateException("memory set " + set + " holds " + row + " entries, its size says " + size);
        }
        return new MemorySnapshot(set, state.getVersion(), dimension, ids, labels, values);
    }

    /** The set's entries without values, oldest first, with their read counts. */
    public List<EntrySummary> entries(String set) {
        List<EntrySummary> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it =
                entries.prefixScan(MemoryKeys.prefix(set), Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                Exemplar exemplar = codec.exemplar(kv.value);
                Long count = reads.get(MemoryKeys.id(set, exemplar.getId()));
                out.add(new EntrySummary(
                        exemplar.getId(),
                        exemplar.getLabel(),
                        MemoryKeys.sequenceOf(kv.key),
                        count == null ? 0 : count));
            }
        }
        return out;
    }
}
