package org.vmastream.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmastream.ingest.produce.ListSource.item;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.vmastream.ingest.source.Item;
import org.vmastream.ingest.source.SkipReason;
import org.vmastream.ingest.source.Skips;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.serde.AvroSerde;

/** The run loop against Kafka's MockProducer: no broker. */
class IngestionTest {
    private static final Instant WHEN = Instant.parse("2024-05-01T00:00:00Z");
    private static final RateLimiter NO_LIMIT = new RateLimiter(0, () -> 0, nanos -> {});

    private final MockProducer<String, Exemplar> mock =
            new MockProducer<>(true, null, Serdes.String().serializer(), new AvroSerde<>(Exemplar.class).serializer());

    private ItemProducer<Exemplar> producer(MockProducer<String, Exemplar> producer) {
        return new ItemProducer<>(producer, "vma.exemplars", "set-a", i -> ItemRecords.exemplar(i, "set-a", WHEN));
    }

    private IngestSummary run(List<Item> items, MockProducer<String, Exemplar> producer, long limit, int maxValues)
            throws Exception {
        AtomicLong clock = new AtomicLong();
        Skips skips = new Skips();
        try (ListSource source = new ListSource(items)) {
            return new Ingestion(
                            source,
                            skips,
                            producer(producer),
                            NO_LIMIT,
                            limit,
                            maxValues,
                            () -> clock.addAndGet(250_000_000))
                    .run(Progress.NONE);
        }
    }

    @Test
    void shouldSendEveryItemKeyedByMemorySetInOrder() throws Exception {
        IngestSummary summary = run(List.of(item("a", "x", 1f), item("b", null, 2f, 3f)), mock, Long.MAX_VALUE, 10);

        assertThat(mock.history()).extracting(ProducerRecord::key).containsOnly("set-a");
        assertThat(mock.history()).extracting(ProducerRecord::topic).containsOnly("vma.exemplars");
        assertThat(mock.history()).extracting(record -> record.value().getId()).containsExactly("a", "b");
        assertThat(mock.history().get(1).value().getLabel()).isNull();
        assertThat(mock.flushed()).isTrue();
        assertThat(summary.sent()).isEqualTo(2);
        assertThat(summary.succeeded()).isTrue();
        assertThat(summary.recordsPerSecond()).isEqualTo(8.0);
    }

    @Test
    void shouldStopAtTheLimit() throws Exception {
        IngestSummary summary =
                run(List.of(item("a", null, 1f), item("b", null, 1f), item("c", null, 1f)), mock, 2, 10);

        assertThat(mock.history()).extracting(record -> record.value().getId()).containsExactly("a", "b");
        assertThat(summary.sent()).isEqualTo(2);
    }

    @Test
    void shouldSkipItemsLargerThanAMemoryTakesWithoutCountingThemAgainstTheLimit() throws Exception {
        IngestSummary summary =
                run(List.of(item("big", null, 1f, 2f, 3f), item("a", null, 1f), item("b", null, 1f)), mock, 2, 2);

        assertThat(mock.history()).extracting(record -> record.value().getId()).containsExactly("a", "b");
        assertThat(summary.skipped()).containsExactly(java.util.Map.entry(SkipReason.TOO_LARGE, 1L));
        assertThat(summary.examples())
                .singleElement()
                .hasToString("big: too many values: 3 values, more than the 2 of memory.max.values");
    }

    @Test
    void shouldStopAtTheFirstFailedDeliveryAndReportIt() throws Exception {
        MockProducer<String, Exemplar> failing =
                new MockProducer<>(
                        true, null, Serdes.String().serializer(), new AvroSerde<>(Exemplar.class).serializer()) {
                    @Override
                    public synchronized Future<RecordMetadata> send(
                            ProducerRecord<String, Exemplar> record, Callback callback) {
                        super.send(record, null);
                        TimeoutException failure = new TimeoutException("broker gone");
                        callback.onCompletion(null, failure);
                        return CompletableFuture.failedFuture(failure);
                    }
                };

        IngestSummary summary = run(List.of(item("a", null, 1f), item("b", null, 1f)), failing, Long.MAX_VALUE, 10);

        assertThat(failing.history()).hasSize(1);
        assertThat(summary.sent()).isZero();
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.firstFailure()).contains("broker gone");
        assertThat(summary.succeeded()).isFalse();
    }
}
