package org.vmastream.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmastream.scorer.ScoringFixtures.event;
import static org.vmastream.scorer.ScoringFixtures.exemplar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.memory.EvictionPolicy;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadTrainer;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.reference.ReferenceSplit;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.scorer.batch.ScorerListener;
import org.vmastream.scorer.batch.ScoringExecutor;
import org.vmastream.scorer.cache.TruncationPolicy;
import org.vmastream.scorer.model.ModelRegistry;
import org.vmastream.scorer.model.ServingModel;
import org.vmastream.scorer.novelty.ReferenceStore;

/**
 * The flag at a promised false-alarm rate, in the topology: references held out of memory, scored
 * like events, and the p-values of ordinary events unmoved by a burst of novel ones (which a
 * quantile of recent scores would have absorbed).
 */
class ReferenceCalibrationTopologyTest {
    private static final TopicNames TOPICS = TopicNames.prefixed("", 1);
    private static final double RATE = 0.1;
    private static final ReferenceSplit HALF = new ReferenceSplit(0.5);

    @TempDir
    Path stateDir;

    private final ModelRegistry registry = new ModelRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Exemplar> exemplars;
    private TestInputTopic<String, ScoreRequest> events;
    private TestOutputTopic<String, Score> scores;
    private final List<Long> referenceScorings = new ArrayList<>();

    private void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reference-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        ScorerConfig config = new ScorerConfig(
                50,
                Duration.ofMillis(500),
                1,
                4,
                3,
                new AnomalyPolicy(RATE, -1e9, 50, 0.5),
                3,
                "default",
                TruncationPolicy.NEVER);
        ScorerListener listener = new ScorerListener() {
            @Override
            public void referencesScored(String memorySet, int count, long modelVersion) {
                referenceScorings.add(modelVersion);
            }
        };
        driver = new TopologyTestDriver(
                ScoringTopology.build(
                        TOPICS,
                        new MemoryStoreConfig(300, EvictionPolicy.FIFO, 1, 1000, HALF, 400),
                        config,
                        registry,
                        MemoryUpdateListener.NONE,
                        listener,
                        ScoringExecutor.callingThread()),
                props);
        exemplars = driver.createInputTopic(
                TOPICS.exemplars(), new StringSerializer(), new AvroSerializer<>(Exemplar.class));
        events = driver.createInputTopic(
                TOPICS.events(), new StringSerializer(), new AvroSerializer<>(ScoreRequest.class));
        scores = driver.createOutputTopic(
                TOPICS.scores(), new StringDeserializer(), new AvroDeserializer<>(Score.class));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    /** The ordinary kind: the first nine values at random, the last three 0 (512 patterns). */
    private static float[] ordinary(SplittableRandom random) {
        float[] values = new float[ScoringFixtures.DIM];
        for (int d = 0; d < 9; d++) {
            values[d] = random.nextBoolean() ? 1f : 0f;
        }
        return values;
    }

    /** A kind memory never saw: like the ordinary one, but the last three values 1. */
    private static float[] novel(SplittableRandom random) {
        float[] values = ordinary(random);
        for (int d = 9; d < ScoringFixtures.DIM; d++) {
            values[d] = 1f;
        }
        return values;
    }

    private List<Score> drain() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return scores.readValuesToList();
    }

    @Test
    void ordinaryEventsAreFlaggedAtTheTargetRateBeforeAndDuringABurstOfNovelOnes() {
        registry.offer(ScoringFixtures.model(1, 1));
        start();
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 600; i++) {
            exemplars.pipeInput("s", exemplar("s", "x" + i, null, ordinary(random)));
        }
        KeyValueStore<String, byte[]> pools = driver.getKeyValueStore(MemoryStores.REFERENCE_SETS);
        assertThat(pools.get("s")).as("the reference pool of s").isNotNull();

        List<Score> steady = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.pipeInput("s", event("s", "o" + i, ordinary(random)));
        }
        steady.addAll(drain());
        List<Score> burstOrdinary = new ArrayList<>();
        List<Score> burstNovel = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            boolean isNovel = i % 3 == 2;
            events.pipeInput("s", event("s", (isNovel ? "n" : "b") + i, isNovel ? novel(random) : ordinary(random)));
        }
        for (Score score : drain()) {
            (score.getEventId().startsWith("n") ? burstNovel : burstOrdinary).add(score);
        }

        assertThat(steady).hasSize(300);
        assertThat(burstOrdinary).hasSize(200);
        assertThat(burstNovel).hasSize(100);
        List<Score> all = new ArrayList<>(steady);
        all.addAll(burstOrdinary);
        all.addAll(burstNovel);
        assertThat(all).allSatisfy(score -> {
            assertThat(score.getPValue()).isNotNull().isBetween(0.0, 1.0);
            assertThat(score.getAnomalyRate()).isEqualTo(RATE);
            assertThat(score.getAnomaly()).isEqualTo(score.getPValue() <= RATE);
            assertThat(score.getMemoryMatch()).isNotNull();
            assertThat(score.getTopAddresses())
                    .allSatisfy(address -> assertThat(HALF.isReference("s", address.getExemplarId()))
                            .as("a reference in memory")
                            .isFalse());
        });
        assertThat(flagRate(steady)).as("steady flag rate").isBetween(0.5 * RATE, 1.5 * RATE);
        assertThat(flagRate(burstOrdinary))
                .as("ordinary flag rate during the burst")
                .isBetween(0.5 * RATE, 1.5 * RATE);
        assertThat(flagRate(burstNovel)).as("novel flag rate").isGreaterThan(0.5);
        assertThat(referenceScorings)
                .as("references scored once: memory and pool did not change")
                .containsExactly(1L);
    }

    @Test
    void aNewModelVersionScoresTheReferencesAgainBeforeItsFirstScore() {
        registry.offer(ScoringFixtures.model(1, 1));
        start();
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < 300; i++) {
            exemplars.pipeInput("s", exemplar("s", "x" + i, null, ordinary(random)));
        }
        events.pipeInput("s", event("s", "a", ordinary(random)));
        assertThat(drain())
                .singleElement()
                .satisfies(score -> assertThat(score.getPValue()).isNotNull());
        KeyValueStore<String, byte[]> stored = driver.getKeyValueStore(ReferenceStore.STORE);
        byte[] before = stored.get("s");

        registry.offer(ScoringFixtures.model(2, 2));
        events.pipeInput("s", event("s", "b", ordinary(random)));
        assertThat(drain()).singleElement().satisfies(score -> {
            assertThat(score.getModelVersion()).isEqualTo(2);
            assertThat(score.getPValue()).isNotNull();
        });
        assertThat(referenceScorings).containsExactly(1L, 2L);
        assertThat(stored.get("s")).isNotEqualTo(before);
    }

    @Test
    void shouldScoreNoveltyWithTheLabelHeadWhenTheModelVersionCarriesOne() {
        ServingModel plain = ScoringFixtures.model(1, 1);
        registry.offer(new ServingModel(1, plain.model(), trainedHead(new SplittableRandom(30))));
        start();
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 600; i++) {
            float[] values = ordinary(random);
            exemplars.pipeInput("s", exemplar("s", "x" + i, labelOf(values), values));
        }
        List<Score> ordinary = new ArrayList<>();
        List<Score> novel = new ArrayList<>();
        Map<String, float[]> sent = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            boolean isNovel = i % 3 == 2;
            String id = (isNovel ? "n" : "o") + i;
            sent.put(id, isNovel ? novel(random) : ordinary(random));
            events.pipeInput("s", event("s", id, sent.get(id)));
        }
        for (Score score : drain()) {
            (score.getEventId().startsWith("n") ? novel : ordinary).add(score);
        }

        assertThat(ordinary).hasSize(200).allSatisfy(score -> {
            assertThat(score.getHeadEnergy()).isNotNull();
            assertThat(score.getFeatureMatch()).isNotNull().isBetween(-1.0, 1.0 + 1e-6);
            assertThat(score.getHeadLabel()).isIn("low", "high");
            assertThat(score.getHeadProbability()).isBetween(0.5, 1.0);
            assertThat(score.getPValue()).isNotNull();
        });
        assertThat(ordinary.stream()
                        .filter(score -> score.getHeadLabel().equals(labelOf(sent.get(score.getEventId()))))
                        .count())
                .as("ordinary events the head labels right")
                .isGreaterThan(190);
        assertThat(flagRate(ordinary)).as("ordinary flag rate").isBetween(0.5 * RATE, 1.5 * RATE);
        assertThat(flagRate(novel)).as("novel flag rate").isGreaterThan(0.5);
    }

    /** A head that tells ordinary patterns apart by their first value, trained on ordinary patterns only. */
    private static LabelHead trainedHead(SplittableRandom random) {
        LabelHeadTrainer trainer =
                new LabelHeadTrainer(LabelHead.initialise(ScoringFixtures.DIM, List.of("low", "high"), 5), 1e-3);
        for (int step = 0; step < 300; step++) {
            float[] rows = new float[32 * ScoringFixtures.DIM];
            int[] classes = new int[32];
            for (int r = 0; r < 32; r++) {
                float[] values = ordinary(random);
                System.arraycopy(values, 0, rows, r * ScoringFixtures.DIM, ScoringFixtures.DIM);
                classes[r] = values[0] > 0 ? 1 : 0;
            }
            trainer.step(Nd4j.create(rows, new long[] {32, ScoringFixtures.DIM}, 'c'), classes);
        }
        return trainer.head();
    }

    private static String labelOf(float[] values) {
        return values[0] > 0 ? "high" : "low";
    }

    private static double flagRate(List<Score> scored) {
        return scored.stream().filter(Score::getAnomaly).count() / (double) scored.size();
    }
}
