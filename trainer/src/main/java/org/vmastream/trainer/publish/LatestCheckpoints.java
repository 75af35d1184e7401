package org.vmastream.trainer.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.model.checkpoint.CheckpointFormatException;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.schemas.topics.Topics;

/**
 * Reads the models topic from its beginning to its current end, without a consumer group (it
 * commits nothing and shares no partitions), and finds the newest usable checkpoint of a model.
 * Records that cannot be decoded, or whose parameter file is corrupt, are skipped with a warning.
 */
public final class LatestCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(LatestCheckpoints.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConnection connection;
    private final Topic<String, ModelCheckpoint> topic;
    private final Duration timeout;

    /**
     * @param connection the brokers
     * @param topic      the models topic
     * @param timeout    longest time to find the topic and read it to its end
     */
    public LatestCheckpoints(KafkaConnection connection, Topic<String, ModelCheckpoint> topic, Duration timeout) {
        this.connection = connection;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * The highest-version checkpoint of {@code modelName} whose record and parameter file decode.
     * A tombstone (null value) for the name deletes what came before it, as compaction would.
     *
     * @return the record, or empty if the topic holds none for this name
     * @throws IllegalStateException if the topic does not exist or cannot be read to its end in time
     */
    public Optional<ModelCheckpoint> latest(String modelName) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                connection.clientProperties(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "vma-trainer-" + modelName + "-checkpoints",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        Topics.MODELS_MAX_RECORD_BYTES,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        Topics.MODELS_MAX_RECORD_BYTES)),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOf(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            ModelCheckpoint best = null;
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read topic " + topic.name() + " to its end within "
                            + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (modelName.equals(record.key())) {
                        best = record.value() == null ? null : better(best, record);
                    }
                }
            }
            return Optional.ofNullable(best);
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " does not exist: create the project's topics"
                    + " first (TopicCreator.ensure)");
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The record if it is at least as new as {@code best} and usable, else {@code best}. */
    private ModelCheckpoint better(ModelCheckpoint best, ConsumerRecord<String, byte[]> record) {
        ModelCheckpoint candidate;
        try {
            candidate = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (SerializationException e) {
            warnSkipped(record, e.getMessage());
            return best;
        }
        if (best != null && candidate.getVersion() < best.getVersion()) {
            return best;
        }
        try {
            // Only candidates for "latest" are checked: a corrupt newest file must not hide an older good one.
            CheckpointRecords.decode(candidate);
            return candidate;
        } catch (CheckpointFormatException e) {
            warnSkipped(record, "version " + candidate.getVersion() + ": " + e.getMessage());
            return best;
        }
    }

    private static void warnSkipped(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warn(
                "skipped the checkpoint record at {}-{} offset {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                reason);
    }
}
