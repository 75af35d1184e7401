package org.vmastream.memory.store;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The persistent (RocksDB, changelogged) stores that hold the memory sets. Every processor that
 * reads or writes memory is connected to all of them, which puts those processors into one
 * sub-topology: Kafka Streams then co-partitions their input topics, so a memory set and the events
 * addressed to it meet in the same task.
 */
public final class MemoryStores {
    /** Entry key ({@link MemoryKeys#entry}) to the exemplar's Avro bytes. */
    public static final String ENTRIES = "vma-memory-entries";
    /** Id key ({@link MemoryKeys#id}) to the entry's sequence number (8 bytes). */
    public static final String INDEX = "vma-memory-index";
    /** Set name to its {@code MemorySetState} Avro bytes. */
    public static final String SETS = "vma-memory-sets";
    /** Id key to how often the entry was an event's most probable address. */
    public static final String READS = "vma-memory-reads";

    private MemoryStores() {
    }

    /** Adds the stores to {@code topology} and connects them to {@code processors}. */
    public static void addTo(Topology topology, String... processors) {
        topology.addStateStore(bytesStore(ENTRIES), processors);
        topology.addStateStore(bytesStore(INDEX), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SETS), Serdes.String(),
                Serdes.ByteArray()), processors);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(READS), Serdes.Bytes(),
                Serdes.Long()), processors);
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> bytesStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }
}
