package org.vmastream.ingest.produce;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.vmastream.ingest.source.Item;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.topics.Topic;

/**
 * Sends items to one topic as records keyed by memory set, asynchronously, and counts what the broker
 * acknowledged. The Kafka producer is idempotent with {@code acks=all}: its retries never duplicate or reorder a
 * memory set's records. Closing flushes and closes the producer. Not thread-safe.
 *
 * @param <V> the record type
 */
public final class ItemProducer<V> implements AutoCloseable {
    /** Room in a request for everything besides the values (ids, labels, shape, batch headers). */
    private static final int REQUEST_OVERHEAD_BYTES = 1 << 20;

    private final Producer<String, V> producer;
    private final String topic;
    private final String memorySet;
    private final Function<Item, V> toRecord;
    private final Deliveries deliveries = new Deliveries();

    /**
     * @param producer  a producer for the topic's serdes; closed with this
     * @param topic     topic name
     * @param memorySet the key of every record
     * @param toRecord  builds a record from an item
     */
    public ItemProducer(Producer<String, V> producer, String topic, String memorySet, Function<Item, V> toRecord) {
        this.producer = producer;
        this.topic = topic;
        this.memorySet = memorySet;
        this.toRecord = toRecord;
    }

    /**
     * A Kafka producer of {@code kind} records to the deployment's exemplar or event topic.
     *
     * @param maxValues the most values one item may have, which sizes the largest request
     * @param clock     stamps the records (the time of ingestion: the sources carry no time of their own)
     */
    public static ItemProducer<?> create(
            KafkaConnection connection,
            TopicNames topics,
            RecordKind kind,
            String memorySet,
            int maxValues,
            Clock clock) {
        return switch (kind) {
            case EXEMPLARS ->
                open(
                        connection,
                        topics.exemplarTopic(),
                        memorySet,
                        maxValues,
                        item -> ItemRecords.exemplar(item, memorySet, clock.instant()));
            case EVENTS ->
                open(
                        connection,
                        topics.eventTopic(),
                        memorySet,
                        maxValues,
                        item -> ItemRecords.event(item, memorySet, clock.instant()));
        };
    }

    private static <V> ItemProducer<V> open(
            KafkaConnection connection,
            Topic<String, V> topic,
            String memorySet,
            int maxValues,
            Function<Item, V> toRecord) {
        long maxRequest = Math.min(Integer.MAX_VALUE, (long) maxValues * Float.BYTES + REQUEST_OVERHEAD_BYTES);
        Map<String, Object> props = connection.producerProperties(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                "vma-ingest",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                // Small records: wait a little to batch them, and compress the many zeros of images.
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                (int) maxRequest));
        Producer<String, V> producer = new KafkaProducer<>(
                props, topic.keySerde().serializer(), topic.valueSerde().serializer());
        return new ItemProducer<>(producer, topic.name(), memorySet, toRecord);
    }

    /** Hands the item to the producer; may block while the producer's buffer is full. */
    public void send(Item item) {
        producer.send(new ProducerRecord<>(topic, memorySet, toRecord.apply(item)), deliveries);
    }

    /** Waits until every record sent so far is acknowledged or has failed. */
    public void flush() {
        producer.flush();
    }

    /** Records the broker acknowledged. */
    public long delivered() {
        return deliveries.delivered();
    }

    /** Records that failed after the producer's own retries. */
    public long failed() {
        return deliveries.failed();
    }

    /** The first failed delivery, or null if none failed. */
    public Exception firstFailure() {
        return deliveries.firstFailure();
    }

    /** The topic the records go to. */
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close();
    }
}
