package org.vmastream.memory.store;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.update.MemoryUpdateProcessor;

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
    /** The same four stores for the reference pools (exemplars held out of memory), apart from memory. */
    public static final String REFERENCE_ENTRIES = "vma-reference-entries";

    public static final String REFERENCE_INDEX = "vma-reference-index";
    public static final String REFERENCE_SETS = "vma-reference-sets";
    public static final String REFERENCE_READS = "vma-reference-reads";

    private MemoryStores() {}

    /** Adds the stores to {@code topology} and connects them to {@code processors}. */
    public static void addTo(Topology topology, String... processors) {
        addSet(topology, ENTRIES, INDEX, SETS, READS, processors);
        addSet(topology, REFERENCE_ENTRIES, REFERENCE_INDEX, REFERENCE_SETS, REFERENCE_READS, processors);
    }

    /** The memory sets of the task that {@code context} belongs to. */
    public static MemoryWriter memory(ProcessorContext<?, ?> context, MemoryStoreConfig config) {
        return new MemoryWriter(
                context.getStateStore(ENTRIES),
                context.getStateStore(INDEX),
                context.getStateStore(SETS),
                context.getStateStore(READS),
                config,
                MemoryUpdateProcessor.maxRecordBytes(config));
    }

    /** The reference pools of the task that {@code context} belongs to, one per memory set, under the same names. */
    public static MemoryWriter references(ProcessorContext<?, ?> context, MemoryStoreConfig config) {
        MemoryStoreConfig pools = config.referencePools();
        return new MemoryWriter(
                context.getStateStore(REFERENCE_ENTRIES),
                context.getStateStore(REFERENCE_INDEX),
                context.getStateStore(REFERENCE_SETS),
                context.getStateStore(REFERENCE_READS),
                pools,
                MemoryUpdateProcessor.maxRecordBytes(pools));
    }

    private static void addSet(
            Topology topology, String entries, String index, String sets, String reads, String... processors) {
        topology.addStateStore(bytesStore(entries), processors);
        topology.addStateStore(bytesStore(index), processors);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(sets), Serdes.String(), Serdes.ByteArray()),
                processors);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(reads), Serdes.Bytes(), Serdes.Long()),
                processors);
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> bytesStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray());
    }
}
