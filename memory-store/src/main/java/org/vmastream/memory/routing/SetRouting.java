package org.vmastream.memory.routing;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.vmastream.runtime.kafka.TopicNames;

/**
 * Builds the nodes that bring a topic's records to the task of their memory set, whatever
 * partitioner their producer used: a source, a {@link SetRouter}, a sink to the re-routing topic
 * and a source from it.
 * <pre>
 *   topic ─► router ──────────────────────────────► (target)
 *              └─► sink ─► topic.by-set ─► source ──┘
 *
 * </pre>
 */
public final class SetRouting {
    private SetRouting() {}

    /**
     * Adds the nodes for {@code topic} under names starting with {@code name}.
     *
     * @param partitions partitions of {@code topic} and of its re-routing topic {@link TopicNames#rerouted} (equal)
     * @param target     the node that the records go to (added by the caller with the returned parents)
     * @return the parents to give {@code target}
     */
    public static String[] addSources(Topology topology, String name, String topic, int partitions, String target) {
        String router = name + "-router";
        String sink = name + "-reroute";
        String rerouted = name + "-rerouted";
        topology.addSource(name, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topic);
        topology.addProcessor(router, () -> new SetRouter(partitions, target, sink), name);
        topology.addSink(
                sink,
                TopicNames.rerouted(topic),
                new ByteArraySerializer(),
                new ByteArraySerializer(),
                (String t, byte[] key, byte[] value, int n) -> Optional.of(Set.of(SetRouter.partitionOf(key, n))),
                router);
        topology.addSource(
                rerouted, new ByteArrayDeserializer(), new ByteArrayDeserializer(), TopicNames.rerouted(topic));
        return new String[] {router, rerouted};
    }
}
