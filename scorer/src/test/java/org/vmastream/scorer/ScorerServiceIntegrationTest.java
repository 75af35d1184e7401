package org.vmastream.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmastream.scorer.ScoringFixtures.event;
import static org.vmastream.scorer.ScoringFixtures.exemplar;
import static org.vmastream.scorer.ScoringFixtures.pattern;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.memory.store.MemoryView;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.runtime.kafka.TopicCreator;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.runtime.settings.Directories;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.schemas.serde.GeneratedRecordTrust;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.model.ServingModel;
import org.vmastream.testkit.Await;
import org.vmastream.testkit.EmbeddedKafka;

/** The scorer against a real in-process broker, with exactly-once processing. */
@Tag("integration")
class ScorerServiceIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @BeforeAll
    static void trustGeneratedRecords() {
        GeneratedRecordTrust.install();
    }

    private Settings settings(String app, int capacity) {
        return settings(app, capacity, 0);
    }

    private Settings settings(String app, int capacity, double referenceShare) {
        return Settings.load(
                null,
                Map.of(),
                Map.of(
                        "streams.application.id",
                        app,
                        "streams.state.dir",
                        stateDir.toString(),
                        "memory.capacity",
                        Integer.toString(capacity),
                        "memory.reference.share",
                        Double.toString(referenceShare),
                        "scorer.reference.minimum",
                        "5",
                        "scorer.max.batch",
                        "8",
                        "scorer.max.wait.ms",
                        "50",
                        "scorer.top.k",
                        "3"));
    }

    private static TopicNames topics(String prefix) {
        TopicNames topics = TopicNames.prefixed(prefix, 2);
        TopicCreator.ensure(KAFKA.connection(), topics);
        return topics;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                KAFKA.connection()
                        .clientProperties(Map.of(
                                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 << 20, ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static void publishModel(KafkaProducer<String, byte[]> producer, TopicNames topics, ServingModel model)
            throws Exception {
        Checkpoint checkpoint = new Checkpoint(
                model.model().config(),
                TrainingConfig.paper(1),
                model.version(),
                model.model().parameters().values(),
                null,
                Map.of("test", "yes"));
        ModelCheckpoint record = ModelCheckpoint.newBuilder()
                .setVersion(model.version())
                .setConfiguration(Map.of())
                .setParameters(ByteBuffer.wrap(CheckpointFile.toBytes(checkpoint)))
                .setMetrics(Map.of())
                .setCreatedAt(Instant.now())
                .build();
        producer.send(new ProducerRecord<>(
                        topics.models(),
                        "default",
                        new AvroSerializer<>(ModelCheckpoint.class).serialize(topics.models(), record)))
                .get();
    }

    private static void sendExemplars(
            KafkaProducer<String, byte[]> producer, TopicNames topics, String set, int from, int to) throws Exception {
        AvroSerializer<Exemplar> serializer = new AvroSerializer<>(Exemplar.class);
        for (int i = from; i < to; i++) {
            producer.send(new ProducerRecord<>(
                    topics.exemplars(),
                    set,
                    serializer.serialize(topics.exemplars(), exemplar(set, "m" + i, "l" + (i % 3), pattern(i)))));
        }
        producer.flush();
    }

    private static void sendEvents(
            KafkaProducer<String, byte[]> producer, TopicNames topics, String set, String prefix, int count) {
        AvroSerializer<ScoreRequest> serializer = new AvroSerializer<>(ScoreRequest.class);
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(
                    topics.events(),
                    set,
                    serializer.serialize(topics.events(), event(set, prefix + i, pattern(1000 + i)))));
        }
        producer.flush();
    }

    private static List<Score> readScores(TopicNames topics, int count) {
        AvroDeserializer<Score> decoder = new AvroDeserializer<>(Score.class);
        List<Score> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KAFKA.connection()
                        .clientProperties(Map.of(
                                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.scores()));
            Await.until(count + " committed scores on " + topics.scores(), WAIT, () -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add(decoder.deserialize(topics.scores(), record.value()));
                }
                return out.size() >= count;
            });
        }
        return out;
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    private static MemoryView view(ScorerService service) {
        return MemoryView.query(service.streams(), service.memoryConfig());
    }

    private static long version(ScorerService service, String set) {
        try {
            return view(service).state(set).map(s -> s.getVersion()).orElse(0L);
        } catch (RuntimeException storeNotReadyYet) {
            return -1;
        }
    }

    @Test
    void exemplarsInScoresOutAndAHotSwapMidStream() throws Exception {
        TopicNames topics = topics("swap.");
        try (KafkaProducer<String, byte[]> producer = producer();
                ScorerService service = ScorerService.start(
                        settings("swap-app", 100),
                        KAFKA.connection(),
                        topics,
                        MemoryUpdateListener.NONE,
                        ScorerListener.NONE)) {
            publishModel(producer, topics, ScoringFixtures.model(1, 1));
            assertThat(service.awaitModel(WAIT)).isTrue();
            sendExemplars(producer, topics, "alpha", 0, 6);
            sendExemplars(producer, topics, "beta", 0, 4);
            await("memory", () -> version(service, "alpha") == 6 && version(service, "beta") == 4);
            sendEvents(producer, topics, "alpha", "a-", 20);
            sendEvents(producer, topics, "beta", "b-", 10);
            List<Score> before = readScores(topics, 30);
            assertThat(before)
                    .hasSize(30)
                    .allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo(1));
            assertThat(before)
                    .filteredOn(s -> s.getMemorySet().equals("alpha"))
                    .hasSize(20)
                    .allSatisfy(s -> {
                        assertThat(s.getMemorySize()).isEqualTo(6);
                        assertThat(s.getTopAddresses().get(0).getExemplarId()).matches("m[0-5]");
                    });

            publishModel(producer, topics, ScoringFixtures.model(2, 2));
            await("model 2", () -> service.models().current().orElseThrow().version() == 2);
            sendEvents(producer, topics, "alpha", "c-", 10);
            List<Score> all = readScores(topics, 40);
            assertThat(all).hasSize(40);
            assertThat(all)
                    .filteredOn(s -> s.getEventId().startsWith("c-"))
                    .hasSize(10)
                    .allSatisfy(s -> assertThat(s.getModelVersion()).isEqualTo(2));
            assertThat(all).extracting(Score::getEventId).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRestartWithItsStateDeletedRestoresMemoryExactlyFromTheChangelog() throws Exception {
        TopicNames topics = topics("restore.");
        MemorySnapshot before;
        var entriesBefore = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            publishModel(producer, topics, ScoringFixtures.model(1, 1));
            try (ScorerService service = ScorerService.start(
                    settings("restore-app", 5),
                    KAFKA.connection(),
                    topics,
                    MemoryUpdateListener.NONE,
                    ScorerListener.NONE)) {
                assertThat(service.awaitModel(WAIT)).isTrue();
                sendExemplars(producer, topics, "s", 0, 9);
                await("memory", () -> version(service, "s") == 9);
                sendEvents(producer, topics, "s", "e-", 12);
                assertThat(readScores(topics, 12)).hasSize(12);
                await(
                        "reads",
                        () -> view(service).entries("s").stream()
                                        .mapToLong(e -> e.reads())
                                        .sum()
                                == 12);
                before = view(service).snapshot("s");
                entriesBefore.addAll(view(service).entries("s"));
            }
        }
        Directories.deleteRecursively(stateDir);
        assertThat(stateDir).doesNotExist();
        try (ScorerService restarted = ScorerService.start(
                settings("restore-app", 5),
                KAFKA.connection(),
                topics,
                MemoryUpdateListener.NONE,
                ScorerListener.NONE)) {
            assertThat(restarted.awaitRunning(WAIT)).isTrue();
            await("restored memory", () -> version(restarted, "s") == 9);
            MemorySnapshot after = view(restarted).snapshot("s");
            assertThat(after.ids()).containsExactly(before.ids()).containsExactly("m4", "m5", "m6", "m7", "m8");
            assertThat(after.labels()).containsExactly(before.labels());
            assertThat(after.values()).containsExactly(before.values());
            assertThat(after.version()).isEqualTo(before.version());
            assertThat(view(restarted).entries("s"))
                    .containsExactlyElementsOf(entriesBefore.stream()
                            .map(e -> (org.vmastream.memory.store.EntrySummary) e)
                            .toList());
        }
    }

    @Test
    void eventsAndExemplarsMeetWhateverPartitionerTheirProducersUse() throws Exception {
        TopicNames topics = topics("crc.");
        List<String> misrouted = new ArrayList<>();
        for (String candidate : List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")) {
            byte[] key = candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (Crc32Partitioner.partitionOf(key, topics.partitions())
                    != org.vmastream.memory.routing.SetRouter.partitionOf(key, topics.partitions())) {
                misrouted.add(candidate);
            }
        }
        assertThat(misrouted)
                .as("sets that CRC32 and murmur2 put on different partitions")
                .hasSizeGreaterThan(1);
        String javaExemplars = misrouted.get(0);
        String crcExemplars = misrouted.get(1);
        try (KafkaProducer<String, byte[]> java = producer();
                KafkaProducer<String, byte[]> crc = new KafkaProducer<>(
                        KAFKA.connection()
                                .clientProperties(Map.of(
                                        ProducerConfig.ACKS_CONFIG,
                                        "all",
                                        ProducerConfig.PARTITIONER_CLASS_CONFIG,
                                        Crc32Partitioner.class.getName())),
                        new StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer());
                ScorerService service = ScorerService.start(
                        settings("crc-app", 100),
                        KAFKA.connection(),
                        topics,
                        MemoryUpdateListener.NONE,
                        ScorerListener.NONE)) {
            publishModel(java, topics, ScoringFixtures.model(1, 1));
            assertThat(service.awaitModel(WAIT)).isTrue();
            sendExemplars(java, topics, javaExemplars, 0, 6);
            sendExemplars(crc, topics, crcExemplars, 0, 4);
            await("memory", () -> version(service, javaExemplars) == 6 && version(service, crcExemplars) == 4);
            sendEvents(crc, topics, javaExemplars, "c-", 20);
            sendEvents(java, topics, crcExemplars, "j-", 10);
            sendEvents(crc, topics, crcExemplars, "cc-", 10);
            List<Score> scores = readScores(topics, 40);
            assertThat(scores).hasSize(40).extracting(Score::getEventId).doesNotHaveDuplicates();
            assertThat(scores)
                    .filteredOn(s -> s.getMemorySet().equals(javaExemplars))
                    .hasSize(20)
                    .allSatisfy(s -> assertThat(s.getMemorySize()).isEqualTo(6));
            assertThat(scores)
                    .filteredOn(s -> s.getMemorySet().equals(crcExemplars))
                    .hasSize(20)
                    .allSatisfy(s -> assertThat(s.getMemorySize()).isEqualTo(4));
        }
    }

    /** Counts how often references were scored. */
    private static final class ReferenceScorings implements ScorerListener {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void referencesScored(String memorySet, int references, long modelVersion) {
            count.incrementAndGet();
        }
    }

    @Test
    void referenceScoresSurviveARestartWithItsStateDeletedSoNothingWarmsUp() throws Exception {
        TopicNames topics = topics("references.");
        List<Score> first;
        try (KafkaProducer<String, byte[]> producer = producer()) {
            publishModel(producer, topics, ScoringFixtures.model(1, 1));
            ReferenceScorings scorings = new ReferenceScorings();
            try (ScorerService service = ScorerService.start(
                    settings("references-app", 100, 0.5),
                    KAFKA.connection(),
                    topics,
                    MemoryUpdateListener.NONE,
                    scorings)) {
                assertThat(service.awaitModel(WAIT)).isTrue();
                sendExemplars(producer, topics, "s", 0, 40);
                await("memory", () -> version(service, "s") > 0);
                Thread.sleep(500);
                sendEvents(producer, topics, "s", "e-", 10);
                first = readScores(topics, 10);
                assertThat(first).hasSize(10).allSatisfy(s -> {
                    assertThat(s.getPValue()).isNotNull();
                    assertThat(s.getAnomalyRate()).isEqualTo(0.01);
                });
                assertThat(scorings.count.get()).isPositive();
            }
            Directories.deleteRecursively(stateDir);
            ReferenceScorings afterRestart = new ReferenceScorings();
            try (ScorerService restarted = ScorerService.start(
                    settings("references-app", 100, 0.5),
                    KAFKA.connection(),
                    topics,
                    MemoryUpdateListener.NONE,
                    afterRestart)) {
                assertThat(restarted.awaitRunning(WAIT)).isTrue();
                assertThat(restarted.awaitModel(WAIT)).isTrue();
                sendEvents(producer, topics, "s", "r-", 10);
                List<Score> all = readScores(topics, 20);
                assertThat(all).hasSize(20);
                List<Score> again = all.stream()
                        .filter(s -> s.getEventId().startsWith("r-"))
                        .toList();
                assertThat(again)
                        .hasSize(10)
                        .allSatisfy(s -> assertThat(s.getPValue()).isNotNull());
                assertThat(afterRestart.count.get())
                        .as("references scored again after the restart")
                        .isZero();
                // The same patterns as before the restart (sendEvents repeats them), against the restored memory;
                // batches of another size round the last float digits differently.
                List<Score> before = first.stream()
                        .sorted(java.util.Comparator.comparing(Score::getEventId))
                        .toList();
                List<Score> after = again.stream()
                        .sorted(java.util.Comparator.comparing(Score::getEventId))
                        .toList();
                for (int i = 0; i < before.size(); i++) {
                    assertThat(after.get(i).getMemoryMatch())
                            .isCloseTo(before.get(i).getMemoryMatch(), org.assertj.core.api.Assertions.within(1e-5));
                }
            }
        }
    }
}
