package org.vmastream.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmastream.scorer.ScoringFixtures.DIM;
import static org.vmastream.scorer.ScoringFixtures.event;
import static org.vmastream.scorer.ScoringFixtures.exemplar;
import static org.vmastream.scorer.ScoringFixtures.pattern;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.memory.EvictionPolicy;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.diagnostics.TopAddress;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.schemas.serde.ErrorType;
import org.vmastream.scorer.batch.PendingEvents;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.batch.ScoringExecutor;
import org.vmastream.scorer.cache.TruncationPolicy;
import org.vmastream.scorer.model.ModelRegistry;
import org.vmastream.scorer.model.ServingModel;

class ScoringTopologyTest {
    private static final TopicNames TOPICS = TopicNames.prefixed("", 1);
    private static final Duration MAX_WAIT = Duration.ofMillis(500);

    @TempDir
    Path stateDir;

    private final ModelRegistry registry = new ModelRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Exemplar> exemplars;
    private TestInputTopic<String, ScoreRequest> events;
    private TestInputTopic<String, byte[]> rawEvents;
    private TestOutputTopic<String, Score> scores;
    private TestOutputTopic<String, DeadLetter> deadLetters;
    private ScoringExecutor executor;
    private final List<CountDownLatch> gates = new java.util.ArrayList<>();

    private void start(int maxBatch) {
        start(maxBatch, ScoringExecutor.callingThread());
    }

    private void start(int maxBatch, ScoringExecutor executor) {
        start(maxBatch, executor, TruncationPolicy.NEVER);
    }

    private void start(int maxBatch, ScoringExecutor executor, TruncationPolicy truncation) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "scorer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        ScorerConfig config =
                new ScorerConfig(maxBatch, MAX_WAIT, 1, 4, 3, AnomalyPolicy.fixed(-5.0), 3, "default", truncation);
        driver = new TopologyTestDriver(
                ScoringTopology.build(
                        TOPICS,
                        new MemoryStoreConfig(100, EvictionPolicy.FIFO, 1, 1000),
                        config,
                        registry,
                        MemoryUpdateListener.NONE,
                        ScorerListener.NONE,
                        executor),
                props);
        exemplars = driver.createInputTopic(
                TOPICS.exemplars(), new StringSerializer(), new AvroSerializer<>(Exemplar.class));
        events = driver.createInputTopic(
                TOPICS.events(), new StringSerializer(), new AvroSerializer<>(ScoreRequest.class));
        rawEvents = driver.createInputTopic(TOPICS.events(), new StringSerializer(), new ByteArraySerializer());
        scores = driver.createOutputTopic(
                TOPICS.scores(), new StringDeserializer(), new AvroDeserializer<>(Score.class));
        deadLetters = driver.createOutputTopic(
                TOPICS.deadLetters(), new StringDeserializer(), new AvroDeserializer<>(DeadLetter.class, 8 << 20));
    }

    @AfterEach
    void close() {
        // A test that failed before opening its gate must not leave the closing task waiting for that batch.
        gates.forEach(CountDownLatch::countDown);
        driver.close();
        if (executor != null) {
            executor.close();
        }
    }

    /** One scoring thread that starts each batch only once {@code gate} is open. */
    private ScoringExecutor gatedThread(CountDownLatch gate) {
        gates.add(gate);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread thread, Runnable batch) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        executor = ScoringExecutor.on(pool);
        return executor;
    }

    /** Lets wall-clock time pass a millisecond at a time until {@code count} scores are out (or 60 s went by). */
    private List<Score> awaitScores(int count) {
        List<Score> out = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            driver.advanceWallClockTime(Duration.ofMillis(1));
            out.addAll(scores.readValuesToList());
        }
        return out;
    }

    private long pendingEvents() {
        KeyValueStore<Long, byte[]> pending = driver.getKeyValueStore(PendingEvents.STORE);
        return pending.approximateNumEntries();
    }

    private void fillMemory(String set, int entries) {
        for (int i = 0; i < entries; i++) {
            exemplars.pipeInput(set, exemplar(set, "m" + i, i % 2 == 0 ? "even" : "odd", pattern(i)));
        }
    }

    /** The given patterns as rows of one matrix. */
    private static INDArray patterns(int... indices) {
        float[] rows = new float[indices.length * DIM];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pattern(indices[i]), 0, rows, i * DIM, DIM);
        }
        return Nd4j.create(rows, new long[] {indices.length, DIM}, 'c');
    }

    private void sendEvents(String set, int count) {
        for (int i = 0; i < count; i++) {
            events.pipeInput(set, event(set, set + "-ev" + i, pattern(100 + i)));
        }
    }

    @Test
    void aFullBatchIsScoredAtOnce() {
        registry.offer(ScoringFixtures.model(1, 1));
        start(4);
        fillMemory("s", 6);
        sendEvents("s", 3);
        assertThat(scores.isEmpty()).isTrue();
        sendEvents("s", 1);
        List<Score> out = scores.readValuesToList();
        assertThat(out).extracting(Score::getEventId).containsExactly("s-ev0", "s-ev1", "s-ev2", "s-ev0");
        assertThat(out).allSatisfy(score -> {
            assertThat(score.getModelVersion()).isEqualTo(1);
            assertThat(score.getMemorySize()).isEqualTo(6);
            assertThat(score.getMemoryVersion()).isEqualTo(6);
            assertThat(score.getK()).isEqualTo(4);
            assertThat(score.getTopAddresses()).hasSize(3);
            assertThat(score.getBound()).isFinite().isNegative();
            assertThat(score.getAnomaly()).isEqualTo(score.getBound() < -5.0);
            assertThat(score.getPredictedLabel()).isIn("even", "odd");
        });
    }

    @Test
    void aBatchComputedOnItsOwnThreadStaysPendingUntilItsScoresAreForwarded() {
        registry.offer(ScoringFixtures.model(1, 1));
        CountDownLatch gate = new CountDownLatch(1);
        start(4, gatedThread(gate));
        fillMemory("s", 6);
        sendEvents("s", 4);
        driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
        // Handed to the scoring thread, which has not run it: no score, and every event still in the store
        // that brings it back after a crash.
        assertThat(scores.isEmpty()).isTrue();
        assertThat(pendingEvents()).isEqualTo(4);

        gate.countDown();
        List<Score> out = awaitScores(4);
        assertThat(out).extracting(Score::getEventId).containsExactly("s-ev0", "s-ev1", "s-ev2", "s-ev3");
        assertThat(out)
                .allSatisfy(score -> assertThat(score.getBound()).isFinite().isNegative());
        assertThat(pendingEvents()).isZero();
    }

    @Test
    void aFullBatchWaitsForTheOneBeingComputedInsteadOfPilingUp() throws InterruptedException {
        registry.offer(ScoringFixtures.model(1, 1));
        CountDownLatch gate = new CountDownLatch(1);
        start(2, gatedThread(gate));
        fillMemory("s", 4);
        sendEvents("s", 2);
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            gate.countDown();
        });
        opener.start();
        // The next full batch finds the first still computing: the stream thread waits for it and forwards
        // its scores before it takes another event.
        sendEvents("s", 2);
        assertThat(gate.getCount()).isZero();
        List<Score> out = new java.util.ArrayList<>(scores.readValuesToList());
        assertThat(out).extracting(Score::getEventId).startsWith("s-ev0", "s-ev1");
        opener.join();
        out.addAll(awaitScores(4 - out.size()));
        assertThat(out).extracting(Score::getEventId).containsExactly("s-ev0", "s-ev1", "s-ev0", "s-ev1");
        assertThat(pendingEvents()).isZero();
    }

    @Test
    void aPartialBatchIsScoredWhenTheWaitIsOver() {
        registry.offer(ScoringFixtures.model(1, 1));
        start(100);
        fillMemory("s", 4);
        sendEvents("s", 2);
        driver.advanceWallClockTime(MAX_WAIT.dividedBy(2));
        assertThat(scores.isEmpty()).isTrue();
        driver.advanceWallClockTime(MAX_WAIT);
        assertThat(scores.readValuesToList()).hasSize(2);
    }

    @Test
    void addressingFieldsAgreeWithTheModelScoringTheSameMemoryDirectly() {
        ServingModel model = ScoringFixtures.model(1, 5);
        registry.offer(model);
        start(2);
        fillMemory("s", 5);
        events.pipeInput("s", event("s", "a", pattern(3)));
        events.pipeInput("s", event("s", "b", pattern(77)));
        List<Score> out = scores.readValuesToList();

        INDArray x = patterns(3, 77);
        var encoding = model.model()
                .encodeMemory(
                        model.model().memoryFor(patterns(IntStream.range(0, 5).toArray())));
        List<ExampleDiagnostics> direct = new BatchScorer(model.model(), 4, 4, 3)
                .score(x, encoding, new SplittableRandom(9), new AddressGroups(new int[] {0, 1, 0, 1, 0}, 2));
        for (int i = 0; i < 2; i++) {
            Score score = out.get(i);
            ExampleDiagnostics expected = direct.get(i);
            // q(a|x) is deterministic: KL(a), entropy, top addresses and the label do not depend on the noise.
            assertThat(score.getKlAddress()).isCloseTo(expected.klAddress(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(score.getAddressEntropy())
                    .isCloseTo(expected.addressEntropy(), org.assertj.core.data.Offset.offset(1e-6));
            assertThat(score.getTopAddresses())
                    .extracting(a -> a.getExemplarId())
                    .containsExactlyElementsOf(expected.topAddresses().stream()
                            .map(t -> "m" + t.index())
                            .toList());
            assertThat(score.getPredictedLabel()).isEqualTo(expected.bestGroup() == 0 ? "even" : "odd");
            assertThat(score.getPredictedProbability())
                    .isCloseTo(expected.bestGroupMass(), org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(out.get(0).getTopAddresses().get(0).getExemplarId()).isNotNull();
    }

    @Test
    void aSetLargerThanTheTruncationThresholdIsScoredThroughTheTopEntriesOfAKeyIndexAndSaysSo() {
        ServingModel model = ScoringFixtures.model(1, 5);
        registry.offer(model);
        start(2, ScoringExecutor.callingThread(), new TruncationPolicy(8, 4, KeyIndex.Settings.DEFAULT));
        fillMemory("large", 12);
        fillMemory("small", 8);
        events.pipeInput("large", event("large", "a", pattern(3)));
        events.pipeInput("large", event("large", "b", pattern(77)));
        events.pipeInput("small", event("small", "c", pattern(3)));
        events.pipeInput("small", event("small", "d", pattern(77)));
        List<Score> out = scores.readValuesToList();

        INDArray x = patterns(3, 77);
        var encoding = model.model()
                .encodeMemory(
                        model.model().memoryFor(patterns(IntStream.range(0, 12).toArray())));
        List<ExampleDiagnostics> exact =
                new BatchScorer(model.model(), 4, 4, 3).score(x, encoding, new SplittableRandom(9));
        assertThat(out).extracting(Score::getEventId).containsExactly("a", "b", "c", "d");
        for (int i = 0; i < 2; i++) {
            Score score = out.get(i);
            assertThat(score.getTruncatedCandidates()).isEqualTo(4);
            assertThat(score.getBound()).isFinite().isNegative();
            // A graph of 12 entries searched with a margin of 32 is searched exhaustively: the same top entries,
            // each with at least its exact probability, since q is renormalised over 4 of the 12.
            List<TopAddress> expected = exact.get(i).topAddresses();
            assertThat(score.getTopAddresses())
                    .extracting(a -> a.getExemplarId())
                    .containsExactlyElementsOf(
                            expected.stream().map(t -> "m" + t.index()).toList());
            for (int a = 0; a < expected.size(); a++) {
                assertThat(score.getTopAddresses().get(a).getProbability())
                        .isGreaterThanOrEqualTo(expected.get(a).probability() - 1e-6);
            }
            assertThat(score.getMemoryMatch())
                    .isCloseTo(exact.get(i).memoryMatch(), org.assertj.core.data.Offset.offset(1e-5));
        }
        assertThat(out.subList(2, 4))
                .allSatisfy(score -> assertThat(score.getTruncatedCandidates()).isNull());
    }

    @Test
    void scoresCarryTheModelVersionTheirBatchUsedAcrossAHotSwap() {
        registry.offer(ScoringFixtures.model(1, 1));
        start(2);
        fillMemory("s", 4);
        sendEvents("s", 2);
        registry.offer(ScoringFixtures.model(7, 2));
        sendEvents("s", 2);
        registry.offer(ScoringFixtures.model(3, 3));
        sendEvents("s", 2);
        List<Score> out = scores.readValuesToList();
        assertThat(out).extracting(Score::getModelVersion).containsExactly(1L, 1L, 7L, 7L, 7L, 7L);
        // The same events scored by another model address memory differently: the cache was refreshed.
        assertThat(out.get(2).getKlAddress()).isNotEqualTo(out.get(0).getKlAddress());
    }

    @Test
    void eventsWaitForTheFirstModelInsteadOfBeingDropped() {
        start(2);
        fillMemory("s", 3);
        sendEvents("s", 3);
        driver.advanceWallClockTime(MAX_WAIT.multipliedBy(2));
        assertThat(scores.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
        registry.offer(ScoringFixtures.model(4, 1));
        driver.advanceWallClockTime(MAX_WAIT);
        assertThat(scores.readValuesToList()).extracting(Score::getModelVersion).containsExactly(4L, 4L, 4L);
    }

    @Test
    void badEventsAreDeadLetteredAndEveryGoodEventIsScored() {
        registry.offer(ScoringFixtures.model(1, 1));
        start(100);
        fillMemory("s", 3);
        exemplars.pipeInput("gone", exemplar("gone", "x", null, pattern(1)));
        exemplars.pipeInput(new TestRecord<>("gone", (Exemplar) null, Instant.ofEpochMilli(5)));
        events.pipeInput("s", event("s", "good1", pattern(1)));
        rawEvents.pipeInput("s", new byte[] {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 1});
        float[] nan = pattern(2);
        nan[3] = Float.NaN;
        events.pipeInput("s", event("s", "nan", nan));
        events.pipeInput("s", event("s", "short", Arrays.copyOf(pattern(2), DIM - 1)));
        events.pipeInput("nowhere", event("nowhere", "unknown", pattern(2)));
        events.pipeInput("gone", event("gone", "empty", pattern(2)));
        events.pipeInput("s", event("other", "mismatch", pattern(2)));
        events.pipeInput("s", event("s", "good2", pattern(2)));
        driver.advanceWallClockTime(MAX_WAIT);

        assertThat(scores.readValuesToList()).extracting(Score::getEventId).containsExactly("good1", "good2");
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters)
                .extracting(DeadLetter::getErrorType)
                .containsExactlyInAnyOrder(
                        "UNKNOWN_SCHEMA",
                        ErrorType.INVALID_EVENT.name(),
                        ErrorType.INVALID_EVENT.name(),
                        ErrorType.WRONG_DIMENSION.name(),
                        ErrorType.UNKNOWN_MEMORY_SET.name(),
                        ErrorType.EMPTY_MEMORY.name());
        assertThat(letters)
                .filteredOn(l -> l.getErrorType().equals(ErrorType.WRONG_DIMENSION.name()))
                .singleElement()
                .satisfies(
                        l -> assertThat(l.getReason()).contains("has 11 values").contains("expects 12"));
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getSourceTopic()).isEqualTo(TOPICS.events());
            assertThat(l.getOriginalValue()).isNotNull();
        });
    }

    @Test
    void theMostProbableAddressOfEveryScoredEventIsCountedAsARead() {
        registry.offer(ScoringFixtures.model(1, 1));
        start(5);
        fillMemory("s", 4);
        sendEvents("s", 10);
        List<Score> out = scores.readValuesToList();
        KeyValueStore<Bytes, Long> reads = driver.getKeyValueStore(MemoryStores.READS);
        long total = 0;
        try (KeyValueIterator<Bytes, Long> all = reads.all()) {
            while (all.hasNext()) {
                total += all.next().value;
            }
        }
        assertThat(out).hasSize(10);
        assertThat(total).isEqualTo(10);
    }
}
