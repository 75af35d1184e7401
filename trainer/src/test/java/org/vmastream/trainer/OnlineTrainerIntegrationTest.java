package org.vmastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.VimcoTrainer;
import org.vmastream.runtime.kafka.TopicCreator;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.reference.ReferenceSplit;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.testkit.Await;
import org.vmastream.testkit.EmbeddedKafka;
import org.vmastream.trainer.TrainerStatus.State;
import org.vmastream.trainer.episode.EpisodeMode;
import org.vmastream.trainer.label.HeadRecipe;
import org.vmastream.trainer.publish.CheckpointRecords;
import org.vmastream.trainer.publish.LatestCheckpoints;

/** The trainer against a real (embedded) broker: publication, versions, exact resumption, close(). */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
@Tag("integration")
class OnlineTrainerIntegrationTest {
    private static final int DIM = 16;
    private static final ModelConfig TINY = new ModelConfig(
            DIM,
            MemoryKind.EXEMPLAR,
            DIM,
            0,
            0,
            Similarity.NORMALISED,
            PriorKind.LEARNED,
            4,
            16,
            8,
            8,
            ModelConfig.Precision.FLOAT,
            true);
    private static final String MODEL = "tiny";

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void shouldPublishIncreasingVersionsAndResumeTheLatestExactly() throws Exception {
        TopicNames topics = topics("resume.");
        produce(topics.exemplarTopic(), TestExemplars.patterns(new SplittableRandom(1), 200, 4, DIM));

        OnlineTrainer first = new OnlineTrainer(config(topics, 60), KAFKA.connection(), topics.modelTopic(), TINY);
        first.run();

        assertThat(versions(topics.modelTopic())).containsExactly(0L, 20L, 40L, 60L);
        ModelCheckpoint latest = latest(topics).orElseThrow();
        assertThat(latest.getVersion()).isEqualTo(60);
        assertThat(latest.getMetrics()).containsKeys("bound", "kl_a", "kl_z", "recon", "ms_per_step");
        assertThat(latest.getConfiguration())
                .containsEntry("model.dataDim", "16")
                .containsEntry("training.samples", "3");
        Checkpoint published = CheckpointRecords.decode(latest);
        assertSameState(published, first.trainer());
        assertThat(CheckpointRecords.labelHead(latest))
                .as("the label head published with the model")
                .hasValueSatisfying(head -> {
                    assertThat(head.labels()).hasSize(4);
                    assertThat(head.inputs()).isEqualTo(16);
                });
        assertThat(first.status().state()).isEqualTo(State.STOPPED);
        assertThat(first.status().lastPublishedVersion()).isEqualTo(60);
        assertThat(first.status().bufferSize()).isBetween(12, 64);

        // Already at its step limit: it resumes and stops without a step or a publication.
        OnlineTrainer resumed = new OnlineTrainer(config(topics, 60), KAFKA.connection(), topics.modelTopic(), TINY);
        resumed.run();
        assertThat(resumed.trainer().steps()).isEqualTo(60);
        assertThat(resumed.trainer().optimizer().iteration()).isEqualTo(60);
        assertSameState(published, resumed.trainer());
        assertThat(versions(topics.modelTopic())).hasSize(4);

        OnlineTrainer continued = new OnlineTrainer(config(topics, 90), KAFKA.connection(), topics.modelTopic(), TINY);
        continued.run();
        assertThat(versions(topics.modelTopic())).containsExactly(0L, 20L, 40L, 60L, 80L, 90L);
        assertSameState(CheckpointRecords.decode(latest(topics).orElseThrow()), continued.trainer());
    }

    @Test
    void shouldWaitForDataThenTrainAndPublishTheFinalStateWhenClosed() throws Exception {
        TopicNames topics = topics("close.");
        OnlineTrainer trainer = new OnlineTrainer(config(topics, 0), KAFKA.connection(), topics.modelTopic(), TINY);
        Thread thread = new Thread(trainer, "online-trainer-test");
        thread.start();
        awaitState(trainer, State.WAITING_FOR_DATA);
        assertThat(trainer.status().lastPublishedVersion()).isEqualTo(-1);

        produce(topics.exemplarTopic(), TestExemplars.patterns(new SplittableRandom(2), 40, 3, DIM));
        Await.until(
                "25 training steps",
                Duration.ofSeconds(60),
                () -> trainer.status().steps() >= 25);
        trainer.close();
        thread.join(Duration.ofSeconds(60).toMillis());

        assertThat(thread.isAlive()).isFalse();
        TrainerStatus status = trainer.status();
        assertThat(status.state()).isEqualTo(State.STOPPED);
        assertThat(status.steps()).isGreaterThanOrEqualTo(25);
        assertThat(status.lastPublishedVersion()).isEqualTo(status.steps());
        assertThat(status.bound()).isFinite();
        List<Long> versions = versions(topics.modelTopic());
        assertThat(versions.get(0)).isZero();
        assertThat(versions).isSorted().doesNotHaveDuplicates().last().isEqualTo(status.steps());
        assertSameState(CheckpointRecords.decode(latest(topics).orElseThrow()), trainer.trainer());
    }

    private static TopicNames topics(String prefix) {
        TopicNames topics = TopicNames.prefixed(prefix, 2);
        TopicCreator.ensure(KAFKA.connection(), topics);
        return topics;
    }

    private static TrainerConfig config(TopicNames topics, long maxSteps) {
        return new TrainerConfig(
                topics.exemplars(),
                64,
                8,
                4,
                3,
                EpisodeMode.SAME_CLASS,
                1e-3,
                5,
                20,
                Duration.ofMinutes(10),
                maxSteps,
                MODEL,
                null,
                new ReferenceSplit(0),
                PriorKind.LEARNED,
                new HeadRecipe(1, 2));
    }

    private static void assertSameState(Checkpoint published, VimcoTrainer trainer) {
        assertThat(published.step()).isEqualTo(trainer.steps());
        assertBitIdentical(
                "parameters",
                published.parameters().ravel().toFloatVector(),
                trainer.model().parameters().values().ravel().toFloatVector());
        assertBitIdentical(
                "Adam moments",
                published.optimizerState().ravel().toFloatVector(),
                trainer.optimizer().state().ravel().toFloatVector());
    }

    /** Compares float arrays bit for bit and reports the first difference, not the whole arrays. */
    private static void assertBitIdentical(String what, float[] actual, float[] expected) {
        assertThat(actual.length).as(what + ": length").isEqualTo(expected.length);
        assertThat(Arrays.mismatch(actual, expected))
                .as(what + ": index of the first difference")
                .isEqualTo(-1);
    }

    private static java.util.Optional<ModelCheckpoint> latest(TopicNames topics) {
        return new LatestCheckpoints(KAFKA.connection(), topics.modelTopic(), Duration.ofSeconds(30)).latest(MODEL);
    }

    private static void produce(Topic<String, Exemplar> topic, List<Exemplar> exemplars)
            throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, Exemplar> producer = new KafkaProducer<>(
                KAFKA.connection().clientProperties(Map.of()),
                topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            // One record in flight at a time: right after topic creation the partition leader may not be
            // ready, and pipelined idempotent batches then hit OUT_OF_ORDER_SEQUENCE until delivery times out.
            for (Exemplar exemplar : exemplars) {
                producer.send(new ProducerRecord<>(topic.name(), exemplar.getMemorySet(), exemplar))
                        .get();
            }
        }
    }

    /** Every version of {@link #MODEL} on the models topic, in offset order. */
    private static List<Long> versions(Topic<String, ModelCheckpoint> topic) {
        TopicPartition partition = new TopicPartition(topic.name(), 0);
        List<Long> versions = new ArrayList<>();
        try (KafkaConsumer<String, ModelCheckpoint> consumer = new KafkaConsumer<>(
                KAFKA.connection().clientProperties(Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 << 20)),
                topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (consumer.position(partition) < end) {
                assertThat(System.nanoTime())
                        .as("reading the models topic to its end")
                        .isLessThan(deadline);
                for (ConsumerRecord<String, ModelCheckpoint> record : consumer.poll(Duration.ofMillis(200))) {
                    if (MODEL.equals(record.key())) {
                        versions.add(record.value().getVersion());
                    }
                }
            }
        }
        return versions;
    }

    private static void awaitState(OnlineTrainer trainer, State state) {
        Await.until(
                "the trainer in state " + state,
                Duration.ofSeconds(60),
                () -> trainer.status().state() == state);
    }
}
