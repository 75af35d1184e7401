package org.vmastream.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.runtime.kafka.TopicCreator;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.testkit.EmbeddedKafka;

/** Checkpoint records through a real (embedded) broker's models topic. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
@Tag("integration")
class CheckpointTopicIntegrationTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void shouldRoundTripAnMnistSizeCheckpointLargerThanOneMegabyte() {
        TopicNames topics = topics("large.");
        VimcoTrainer trainer =
                new VimcoTrainer(VmaModel.initialise(ModelConfig.mnistExemplar(0), 3), TrainingConfig.paper(3));

        CheckpointPublisher.Publication publication;
        try (CheckpointPublisher publisher =
                new CheckpointPublisher(KAFKA.connection(), topics.modelTopic(), "mnist", Map.of("test", "large"))) {
            publication = publisher.publish(trainer, null, Map.of("bound", -100.0));
        }
        ModelCheckpoint latest = latest(topics.modelTopic(), "mnist");

        assertThat(publication.parameterBytes()).isGreaterThan(1 << 20);
        assertThat(latest.getParameters().remaining()).isEqualTo(publication.parameterBytes());
        assertThat(latest.getVersion()).isZero();
        assertThat(latest.getMetrics()).containsEntry("bound", -100.0);
        Checkpoint checkpoint = CheckpointRecords.decode(latest);
        assertThat(checkpoint.model()).isEqualTo(ModelConfig.mnistExemplar(0));
        assertThat(checkpoint.provenance()).containsEntry("test", "large");
        assertThat(Arrays.mismatch(
                        checkpoint.parameters().ravel().toFloatVector(),
                        trainer.model().parameters().values().ravel().toFloatVector()))
                .as("first differing parameter")
                .isEqualTo(-1);
        assertThat(checkpoint.optimizerState().length())
                .isEqualTo(2 * trainer.model().parameters().size());
    }

    @Test
    void shouldSkipCorruptRecordsAndReturnTheNewestUsableVersion() throws Exception {
        TopicNames topics = topics("corrupt.");
        Topic<String, ModelCheckpoint> topic = topics.modelTopic();
        Checkpoint small =
                Checkpoint.of(new VimcoTrainer(VmaModel.initialise(tiny(), 1), TrainingConfig.paper(1)), Map.of());
        ModelCheckpoint corruptFile = record(9, small);
        ByteBuffer bytes = corruptFile.getParameters();
        bytes.put(bytes.limit() / 2, (byte) (bytes.get(bytes.limit() / 2) ^ 0x55));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KAFKA.connection().clientProperties(Map.of()), new StringSerializer(), new ByteArraySerializer())) {
            send(producer, topic, "m", encode(topic, record(5, small)));
            send(producer, topic, "m", new byte[] {1, 2, 3, 4});
            send(producer, topic, "m", encode(topic, corruptFile));
            send(producer, topic, "m", encode(topic, record(2, small)));
            send(producer, topic, "other", encode(topic, record(100, small)));
            send(producer, topic, "gone", encode(topic, record(4, small)));
            send(producer, topic, "gone", null);
        }

        assertThat(latest(topic, "m").getVersion()).isEqualTo(5);
        assertThat(latest(topic, "other").getVersion()).isEqualTo(100);
        assertThat(new LatestCheckpoints(KAFKA.connection(), topic, Duration.ofSeconds(30)).latest("gone"))
                .isEmpty();
        assertThat(new LatestCheckpoints(KAFKA.connection(), topic, Duration.ofSeconds(30)).latest("never"))
                .isEmpty();
    }

    private static ModelConfig tiny() {
        return new ModelConfig(
                4,
                MemoryKind.EXEMPLAR,
                4,
                0,
                0,
                Similarity.NORMALISED,
                PriorKind.LEARNED,
                2,
                4,
                4,
                4,
                ModelConfig.Precision.FLOAT,
                true);
    }

    private static ModelCheckpoint record(long version, Checkpoint checkpoint) {
        return CheckpointRecords.toRecord(version, checkpoint, null, Map.of(), Instant.now());
    }

    private static byte[] encode(Topic<String, ModelCheckpoint> topic, ModelCheckpoint record) {
        return topic.valueSerde().serializer().serialize(topic.name(), record);
    }

    private static void send(
            KafkaProducer<String, byte[]> producer, Topic<String, ModelCheckpoint> topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }

    private static TopicNames topics(String prefix) {
        TopicNames topics = TopicNames.prefixed(prefix, 1);
        TopicCreator.ensure(KAFKA.connection(), topics);
        return topics;
    }

    private static ModelCheckpoint latest(Topic<String, ModelCheckpoint> topic, String name) {
        return new LatestCheckpoints(KAFKA.connection(), topic, Duration.ofSeconds(30))
                .latest(name)
                .orElseThrow();
    }
}
