package org.vmastream.trainer.feed;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.topics.Topic;

/**
 * Follows every partition of the training topic without a consumer group, starting from the tail
 * that fills the replay buffer: a restarted trainer refills its buffer from the most recent
 * exemplars instead of replaying the topic's whole history, and commits no offsets (the buffer,
 * not a position, is what it needs). Undecodable records are counted and skipped. One thread
 * polls; {@link #wakeup()} may be called from any thread. Close it to close its consumer.
 */
public final class ExemplarFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExemplarFeed.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(60);
    private static final long LOG_EVERY = 1000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, Exemplar> topic;
    private long undecodable;

    private ExemplarFeed(KafkaConsumer<byte[], byte[]> consumer, Topic<String, Exemplar> topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * Assigns every partition of {@code topic} and positions each at most
     * ceil({@code tail} / partitions) records before its end.
     *
     * @param tail     how many recent records to re-read (the replay buffer's capacity)
     * @param clientId Kafka client id, to tell the trainer's consumers apart
     * @throws IllegalStateException if the topic does not exist
     */
    public static ExemplarFeed fromTail(
            KafkaConnection connection, Topic<String, Exemplar> topic, int tail, String clientId) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                connection.clientProperties(Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        clientId,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        // Where a tail offset was already deleted by retention, start from what is left.
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest")),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic.name() + " does not exist: create the project's"
                        + " topics first (TopicCreator.ensure), or set trainer.topic");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            long perPartition = (tail + partitions.size() - 1) / partitions.size();
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(beginning.get(partition), end.get(partition) - perPartition));
            }
            return new ExemplarFeed(consumer, topic);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Hands every decodable exemplar that arrives within {@code timeout} to {@code sink}.
     *
     * @return records received, decodable or not (0 also after {@link #wakeup()})
     */
    public int poll(Duration timeout, Consumer<Exemplar> sink) {
        try {
            int received = 0;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                received++;
                Exemplar exemplar = decode(record);
                if (exemplar != null) {
                    sink.accept(exemplar);
                }
            }
            return received;
        } catch (WakeupException e) {
            return 0;
        }
    }

    private Exemplar decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            if (++undecodable == 1 || undecodable % LOG_EVERY == 0) {
                LOG.warn(
                        "skipped an undecodable record at {}-{} offset {}: {} ({} skipped so far)",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e.getMessage(),
                        undecodable);
            }
            return null;
        }
    }

    /** Makes a blocked (or the next) {@link #poll} return at once; safe from any thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
