package org.vmastream.scorer.model;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.checkpoint.CheckpointFormatException;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadFile;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.topics.Topics;

/**
 * Follows the compacted model topic on its own thread and installs every newer version of one
 * model in a {@link ModelRegistry}. It reads without a consumer group, from the beginning, so every
 * scorer instance sees every version; compaction keeps the latest. A record that cannot be decoded
 * or loaded is logged and skipped: the scorer keeps the model it has.
 */
public final class ModelFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String modelName;
    private final ModelRegistry registry;
    private final AvroDeserializer<ModelCheckpoint> decoder =
            new AvroDeserializer<>(ModelCheckpoint.class, Topics.MODELS_MAX_RECORD_BYTES);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    /** Starts following {@code topic} for versions of {@code modelName}. */
    public ModelFollower(KafkaConnection connection, String topic, String modelName, ModelRegistry registry) {
        this.topic = topic;
        this.modelName = modelName;
        this.registry = registry;
        this.consumer = new KafkaConsumer<>(
                connection.clientProperties(Map.of(
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        Topics.MODELS_MAX_RECORD_BYTES,
                        ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                        Topics.MODELS_MAX_RECORD_BYTES,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false)),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "vma-model-follower");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Waits until some version is installed; returns whether one was within the timeout. */
    public boolean awaitFirstModel(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (registry.current().isEmpty()) {
            if (System.nanoTime() > deadline || stopped.getCount() == 0) {
                return registry.current().isPresent();
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = waitForPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (modelName.equals(record.key()) && record.value() != null) {
                        load(record);
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("model follower stopped: scorers keep the model they have", e);
        } finally {
            consumer.close();
            stopped.countDown();
        }
    }

    private List<TopicPartition> waitForPartitions() {
        while (running.get()) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
            }
            LOG.info("waiting for model topic {} to exist", topic);
        }
        throw new WakeupException();
    }

    private void load(ConsumerRecord<String, byte[]> record) {
        try {
            ModelCheckpoint checkpoint = decoder.deserialize(topic, record.value());
            if (registry.current()
                    .map(m -> m.version() >= checkpoint.getVersion())
                    .orElse(false)) {
                return;
            }
            ByteBuffer buffer = checkpoint.getParameters().duplicate();
            byte[] parameters = new byte[buffer.remaining()];
            buffer.get(parameters);
            var model = CheckpointFile.fromBytes(parameters).toModel();
            if (registry.offer(new ServingModel(checkpoint.getVersion(), model, labelHead(checkpoint)))) {
                LOG.info(
                        "scoring with model {} version {} ({} bytes)",
                        modelName,
                        checkpoint.getVersion(),
                        record.value().length);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "skipping model record at {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    /** The version's label head; a corrupt one is logged and left out, so the model still serves. */
    private LabelHead labelHead(ModelCheckpoint checkpoint) {
        if (checkpoint.getLabelHead() == null) {
            return null;
        }
        ByteBuffer buffer = checkpoint.getLabelHead().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try {
            return LabelHeadFile.fromBytes(bytes);
        } catch (CheckpointFormatException e) {
            LOG.warn(
                    "model {} version {}: label head left out ({}); novelty uses the matching space",
                    modelName,
                    checkpoint.getVersion(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
