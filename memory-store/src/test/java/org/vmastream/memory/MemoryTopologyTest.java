package org.vmastream.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.store.MemoryView;
import org.vmastream.memory.update.MemoryUpdateListener;
import org.vmastream.memory.update.MemoryUpdateProcessor;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;
import org.vmastream.schemas.serde.ErrorType;

class MemoryTopologyTest {
    private static final TopicNames TOPICS = TopicNames.prefixed("", 1);

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Exemplar> exemplars;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(int capacity, EvictionPolicy eviction, int maxValues) {
        start(capacity, eviction, maxValues, stateDir);
    }

    private void start(int capacity, EvictionPolicy eviction, int maxValues, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "memory-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(
                MemoryTopology.build(
                        TOPICS, new MemoryStoreConfig(capacity, eviction, 7, maxValues), MemoryUpdateListener.NONE),
                props);
        exemplars = driver.createInputTopic(
                TOPICS.exemplars(), new StringSerializer(), new AvroSerializer<>(Exemplar.class));
        raw = driver.createInputTopic(TOPICS.exemplars(), new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(
                TOPICS.deadLetters(), new StringDeserializer(), new AvroDeserializer<>(DeadLetter.class, 8 << 20));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private MemoryView view() {
        return new MemoryView(
                driver.getKeyValueStore(MemoryStores.ENTRIES),
                driver.getKeyValueStore(MemoryStores.SETS),
                driver.getKeyValueStore(MemoryStores.READS),
                1 << 20);
    }

    static Exemplar exemplar(String set, String id, String label, float... values) {
        List<Float> data = new ArrayList<>();
        for (float v : values) {
            data.add(v);
        }
        return Exemplar.newBuilder()
                .setId(id)
                .setMemorySet(set)
                .setLabel(label)
                .setShape(List.of(values.length))
                .setData(data)
                .setTimestamp(Instant.ofEpochMilli(1000))
                .setSource("test")
                .build();
    }

    private void offer(String set, int count, int firstId) {
        for (int i = 0; i < count; i++) {
            exemplars.pipeInput(set, exemplar(set, "e" + (firstId + i), "c" + (i % 3), 0.5f, i % 2));
        }
    }

    @Test
    void fifoKeepsTheNewestInInsertionOrder() {
        start(3, EvictionPolicy.FIFO, 100);
        offer("s", 5, 0);
        MemorySnapshot snapshot = view().snapshot("s");
        assertThat(snapshot.ids()).containsExactly("e2", "e3", "e4");
        assertThat(snapshot.labels()).containsExactly("c2", "c0", "c1");
        assertThat(snapshot.values()).containsExactly(0.5f, 0f, 0.5f, 1f, 0.5f, 0f);
        MemorySetState state = view().state("s").orElseThrow();
        assertThat(state.getSize()).isEqualTo(3);
        assertThat(state.getVersion()).isEqualTo(5);
        assertThat(state.getOffered()).isEqualTo(5);
        assertThat(state.getEvicted()).isEqualTo(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void sameIdReplacesInPlaceAndSetsAreIndependent() {
        start(3, EvictionPolicy.FIFO, 100);
        offer("s", 3, 0);
        offer("other", 2, 0);
        exemplars.pipeInput("s", exemplar("s", "e1", "new", 1f, 1f));
        MemorySnapshot snapshot = view().snapshot("s");
        assertThat(snapshot.ids()).containsExactly("e0", "e1", "e2");
        assertThat(snapshot.labels()).containsExactly("c0", "new", "c2");
        assertThat(view().snapshot("other").ids()).containsExactly("e0", "e1");
        assertThat(view().state("s").orElseThrow().getVersion()).isEqualTo(4);
    }

    @Test
    void reservoirKeepsAUniformSampleOfEverythingOffered() {
        start(10, EvictionPolicy.RESERVOIR, 100);
        int sets = 60;
        int offered = 100;
        double sumOfKeptIndices = 0;
        int kept = 0;
        for (int s = 0; s < sets; s++) {
            offer("set" + s, offered, 0);
            MemorySnapshot snapshot = view().snapshot("set" + s);
            assertThat(snapshot.size()).isEqualTo(10);
            for (String id : snapshot.ids()) {
                sumOfKeptIndices += Integer.parseInt(id.substring(1));
                kept++;
            }
        }
        // Uniform over 0..99: mean 49.5, standard error of the mean over 600 kept ~ 29/sqrt(600) = 1.2.
        // FIFO would keep 90..99 (mean 94.5); "keep the first" would give 4.5.
        assertThat(sumOfKeptIndices / kept).isBetween(45.0, 54.0);
        MemorySetState state = view().state("set0").orElseThrow();
        assertThat(state.getOffered()).isEqualTo(offered);
        assertThat(state.getEvicted()).isEqualTo(offered - 10);
    }

    @Test
    void tombstonesDeleteOneExemplarOrTheWholeSet() {
        start(5, EvictionPolicy.FIFO, 100);
        offer("s", 4, 0);
        RecordHeaders headers = new RecordHeaders();
        headers.add(MemoryUpdateProcessor.DELETE_ID_HEADER, "e1".getBytes(StandardCharsets.UTF_8));
        exemplars.pipeInput(new TestRecord<>("s", null, headers, Instant.ofEpochMilli(2000)));
        assertThat(view().snapshot("s").ids()).containsExactly("e0", "e2", "e3");
        long versionBefore = view().state("s").orElseThrow().getVersion();

        exemplars.pipeInput(new TestRecord<>("s", (Exemplar) null, Instant.ofEpochMilli(3000)));
        assertThat(view().snapshot("s").size()).isZero();
        assertThat(view().state("s").orElseThrow().getVersion()).isGreaterThan(versionBefore);

        offer("s", 1, 10);
        assertThat(view().snapshot("s").ids()).containsExactly("e10");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void badExemplarsAreDeadLetteredWithReasonsAndGoodOnesAllKept() {
        start(100, EvictionPolicy.FIFO, 4);
        exemplars.pipeInput("s", exemplar("s", "good0", null, 0.1f, 0.2f));
        raw.pipeInput("s", new byte[] {1, 2, 3});
        exemplars.pipeInput("s", exemplar("s", "nan", null, Float.NaN, 0.2f));
        exemplars.pipeInput("s", exemplar("s", "wide", null, 0.1f, 0.2f, 0.3f));
        exemplars.pipeInput("s", exemplar("s", "big", null, 0, 0, 0, 0, 0));
        exemplars.pipeInput("s", exemplar("s", "range", null, 2f, 0.2f));
        exemplars.pipeInput("s", exemplar("elsewhere", "key", null, 0.1f, 0.2f));
        exemplars.pipeInput("s", exemplar("s", "good1", null, 0.3f, 0.4f));
        byte[] valid = new AvroSerializer<>(Exemplar.class).serialize("t", exemplar("s", "x", null, 0f, 0f));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
        raw.pipeInput("s", truncated);
        exemplars.pipeInput("s", exemplar("s", "good2", null, 0.5f, 0.6f));

        assertThat(view().snapshot("s").ids()).containsExactly("good0", "good1", "good2");
        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertThat(letters)
                .extracting(DeadLetter::getErrorType)
                .containsExactly(
                        "BAD_HEADER",
                        ErrorType.INVALID_EXEMPLAR.name(),
                        ErrorType.INVALID_EXEMPLAR.name(),
                        ErrorType.INVALID_EXEMPLAR.name(),
                        ErrorType.INVALID_EXEMPLAR.name(),
                        ErrorType.INVALID_EXEMPLAR.name(),
                        "CORRUPT_BODY");
        assertThat(letters.get(1).getReason()).contains("non-finite");
        assertThat(letters.get(2).getReason()).contains("holds entries of 2");
        assertThat(letters.get(3).getReason()).contains("more than the limit of 4");
        assertThat(letters.get(4).getReason()).contains("outside [0, 1]");
        assertThat(letters.get(5).getReason()).contains("keyed by 's'");
        assertThat(letters.get(6).getOriginalValue().array()).isEqualTo(truncated);
        assertThat(letters).allSatisfy(l -> assertThat(l.getSourceTopic()).isEqualTo(TOPICS.exemplars()));
        assertThat(letters.get(0).getSourceOffset()).isEqualTo(1);
    }

    @Test
    void anUnkeyedRecordIsDeadLettered() {
        start(10, EvictionPolicy.FIFO, 100);
        exemplars.pipeInput((String) null, exemplar("s", "a", null, 0f));
        assertThat(deadLetters.readValue().getReason()).contains("must name a memory set");
        assertThat(view().sets()).isEmpty();
    }

    @Test
    void theReservoirIsDeterministicForAGivenSeed() {
        start(5, EvictionPolicy.RESERVOIR, 100);
        offer("a", 50, 0);
        offer("b", 50, 0);
        List<String> first = List.of(view().snapshot("a").ids());
        close();
        driver = null;
        start(5, EvictionPolicy.RESERVOIR, 100, stateDir.resolve("fresh"));
        assertThat(view().sets()).isEmpty();
        offer("a", 50, 0);
        assertThat(view().snapshot("a").ids()).containsExactlyElementsOf(first);
        assertThat(Collections.frequency(first, "e0")).isLessThanOrEqualTo(1);
    }
}
