package org.vmastream.schemas.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic together with the serdes of its keys and values, so that producers and consumers of
 * one topic cannot disagree on its types, and the topic-level configs to create it with.
 *
 * @param name the topic name
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param configs topic-level configs (see {@link TopicConfig}), e.g. its cleanup policy
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    /** Validates that every part is present and the name is not blank; copies the configs. */
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        configs = Map.copyOf(configs);
        if (name.isBlank()) {
            throw new IllegalArgumentException("A topic name must not be blank");
        }
    }

    /**
     * @param newName another topic name, e.g. with a per-test or per-environment prefix
     * @return the same declaration under {@code newName}
     */
    public Topic<K, V> withName(String newName) {
        return new Topic<>(newName, keySerde, valueSerde, configs);
    }

    /** @return whether the topic keeps only the latest value per key instead of deleting by age */
    public boolean compacted() {
        return TopicConfig.CLEANUP_POLICY_COMPACT.equals(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG));
    }
}
