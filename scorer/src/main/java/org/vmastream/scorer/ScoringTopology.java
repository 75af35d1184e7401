package org.vmastream.scorer;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.MemoryTopology;
import org.vmastream.memory.routing.SetRouting;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.scorer.batch.PendingEvents;
import org.vmastream.scorer.batch.ScoreProcessor;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.batch.ScoringExecutor;
import org.vmastream.scorer.model.ModelRegistry;
import org.vmastream.scorer.novelty.ReferenceStore;

/**
 * The streams application of a scorer instance: the memory store and the scorer in one
 * sub-topology (they share the memory stores), so exemplars and events of a memory set, keyed by
 * the set, are handled by the same task and memory is a local read. Records that a producer put on
 * another partition than Java's partitioner would (librdkafka's CRC32 default) reach that task
 * through a re-routing topic ({@link SetRouting}).
 * <pre>
 *   exemplars ─► router ─► memory ─────────────┐
 *                            │ (memory stores)  ├─► dead letters
 *   events ────► router ─► scorer ─► scores     │
 *                            └──────────────────┘
 * </pre>
 */
public final class ScoringTopology {
    /** Node names. */
    public static final String EVENT_SOURCE = "events";

    public static final String SCORER = "scorer";
    public static final String SCORE_SINK = "scores";

    private ScoringTopology() {}

    public static Topology build(
            TopicNames topics,
            MemoryStoreConfig memoryConfig,
            ScorerConfig scorerConfig,
            ModelRegistry registry,
            MemoryUpdateListener memoryListener,
            ScorerListener scorerListener,
            ScoringExecutor executor) {
        Topology topology = new Topology();
        MemoryTopology.addMemoryNodes(topology, topics, memoryConfig, memoryListener);
        String[] eventParents =
                SetRouting.addSources(topology, EVENT_SOURCE, topics.events(), topics.partitions(), SCORER);
        topology.addProcessor(
                SCORER,
                () -> new ScoreProcessor(
                        scorerConfig,
                        memoryConfig,
                        registry,
                        scorerListener,
                        executor,
                        topics.events(),
                        SCORE_SINK,
                        MemoryTopology.DEAD_LETTER_SINK),
                eventParents);
        MemoryStores.addTo(topology, MemoryTopology.MEMORY_PROCESSOR, SCORER);
        topology.addStateStore(PendingEvents.storeBuilder(), SCORER);
        topology.addStateStore(ReferenceStore.storeBuilder(), SCORER);
        topology.addSink(
                SCORE_SINK, topics.scores(), new StringSerializer(), new AvroSerializer<>(Score.class), SCORER);
        MemoryTopology.addDeadLetterSink(topology, topics, MemoryTopology.MEMORY_PROCESSOR, SCORER);
        return topology;
    }
}
