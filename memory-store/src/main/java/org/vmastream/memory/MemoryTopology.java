package org.vmastream.memory;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.vmastream.memory.routing.SetRouting;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.memory.update.MemoryUpdateProcessor;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.serde.AvroSerializer;

/**
 * The nodes that keep memory: exemplar topic (raw bytes, so that undecodable records can be
 * dead-lettered byte for byte) into the memory update processor, with a dead-letter sink.
 * A scorer adds its own nodes to the same topology and connects them to the same stores.
 */
public final class MemoryTopology {
    /** Node names. */
    public static final String EXEMPLAR_SOURCE = "exemplars";

    public static final String MEMORY_PROCESSOR = "memory";
    public static final String DEAD_LETTER_SINK = "dead-letters";

    private MemoryTopology() {}

    /** A topology that only keeps memory (no scoring). */
    public static Topology build(TopicNames topics, MemoryStoreConfig config, MemoryUpdateListener listener) {
        Topology topology = new Topology();
        addMemoryNodes(topology, topics, config, listener);
        MemoryStores.addTo(topology, MEMORY_PROCESSOR);
        addDeadLetterSink(topology, topics, MEMORY_PROCESSOR);
        return topology;
    }

    /**
     * Adds the exemplar source, routed to the task of each record's memory set (see {@link SetRouting}), and the
     * memory processor (stores and sinks are added by the caller).
     */
    public static void addMemoryNodes(
            Topology topology, TopicNames topics, MemoryStoreConfig config, MemoryUpdateListener listener) {
        String[] parents = SetRouting.addSources(
                topology, EXEMPLAR_SOURCE, topics.exemplars(), topics.partitions(), MEMORY_PROCESSOR);
        topology.addProcessor(
                MEMORY_PROCESSOR, () -> new MemoryUpdateProcessor(config, DEAD_LETTER_SINK, listener), parents);
    }

    /** Adds the dead-letter sink, fed by {@code parents}. */
    public static void addDeadLetterSink(Topology topology, TopicNames topics, String... parents) {
        topology.addSink(
                DEAD_LETTER_SINK,
                topics.deadLetters(),
                new StringSerializer(),
                new AvroSerializer<>(DeadLetter.class),
                parents);
    }
}
