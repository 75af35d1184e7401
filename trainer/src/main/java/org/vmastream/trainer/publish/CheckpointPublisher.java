package org.vmastream.trainer.publish;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.schemas.topics.Topics;

/**
 * Publishes a trainer's state as a {@link ModelCheckpoint} keyed by model name to the compacted
 * models topic, and waits for the broker's acknowledgement, so that a returned publication is
 * durable (acks=all, idempotent producer). Records may reach {@link Topics#MODELS_MAX_RECORD_BYTES}.
 * Close it to close its producer. Not thread-safe.
 */
public final class CheckpointPublisher implements AutoCloseable {
    /**
     * Compression of checkpoint records: zstd saves more than lz4 on float parameters and Adam
     * moments, at a cost small against the seconds between publications
     * (docs/performance.md#why-the-code-is-written-as-it-is).
     */
    static final String COMPRESSION = "zstd";

    private final Topic<String, ModelCheckpoint> topic;
    private final String modelName;
    private final Map<String, String> provenance;
    private final KafkaProducer<String, ModelCheckpoint> producer;

    /**
     * @param connection the brokers
     * @param topic      the models topic
     * @param modelName  the record key
     * @param provenance written into every checkpoint file (where the model came from)
     */
    public CheckpointPublisher(
            KafkaConnection connection,
            Topic<String, ModelCheckpoint> topic,
            String modelName,
            Map<String, String> provenance) {
        this.topic = topic;
        this.modelName = modelName;
        this.provenance = Map.copyOf(provenance);
        this.producer = new KafkaProducer<>(
                connection.producerProperties(producerProperties(modelName)),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    static Map<String, Object> producerProperties(String modelName) {
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG,
                "vma-trainer-" + modelName + "-publisher",
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Topics.MODELS_MAX_RECORD_BYTES,
                // A record larger than the producer's whole buffer is refused before it is sent.
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                2L * Topics.MODELS_MAX_RECORD_BYTES,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                COMPRESSION,
                ProducerConfig.LINGER_MS_CONFIG,
                0);
    }

    /**
     * Publishes the trainer's current state as version {@code trainer.steps()} and waits for the ack.
     *
     * @param head    the label head trained beside the model, or null
     * @param metrics training metrics to attach, by name
     * @return what was published
     * @throws PublishFailedException if the broker did not acknowledge the record
     */
    public Publication publish(VimcoTrainer trainer, LabelHead head, Map<String, Double> metrics) {
        long start = System.nanoTime();
        long version = trainer.steps();
        ModelCheckpoint record =
                CheckpointRecords.toRecord(version, Checkpoint.of(trainer, provenance), head, metrics, Instant.now());
        try {
            RecordMetadata ack = producer.send(new ProducerRecord<>(topic.name(), modelName, record))
                    .get();
            return new Publication(
                    version,
                    record.getParameters().remaining(),
                    ack.partition(),
                    ack.offset(),
                    (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(
                    "interrupted while publishing version " + version + " of model " + modelName, e);
        } catch (ExecutionException e) {
            throw new PublishFailedException(
                    "the broker did not take version " + version + " of model " + modelName + " on topic "
                            + topic.name() + ": " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    /** Closes the producer (waiting for nothing: every publication was acknowledged already). */
    @Override
    public void close() {
        producer.close();
    }

    /**
     * One acknowledged publication.
     *
     * @param version         the model version
     * @param parameterBytes  size of the checkpoint file in the record, uncompressed
     * @param partition       partition of the models topic it went to
     * @param offset          its offset there
     * @param millis          time to snapshot, encode, send and be acknowledged
     */
    public record Publication(long version, int parameterBytes, int partition, long offset, double millis) {}
}
