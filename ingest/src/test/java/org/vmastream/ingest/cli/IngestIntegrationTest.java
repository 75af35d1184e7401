package org.vmastream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;
import org.vmastream.ingest.produce.IngestSummary;
import org.vmastream.ingest.produce.Ingestion;
import org.vmastream.ingest.produce.ItemProducer;
import org.vmastream.ingest.produce.Progress;
import org.vmastream.ingest.produce.RateLimiter;
import org.vmastream.ingest.produce.RecordKind;
import org.vmastream.ingest.source.PngFolderSource;
import org.vmastream.ingest.source.Skips;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.kafka.TopicCreator;
import org.vmastream.runtime.kafka.TopicNames;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.testkit.Await;
import org.vmastream.testkit.EmbeddedKafka;
import picocli.CommandLine;

/** Ingestion into a real (embedded, single-node KRaft) broker, read back and decoded with the topics' serdes. */
@Tag("integration")
class IngestIntegrationTest {
    @TempDir
    static Path work;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static Path images;

    @BeforeAll
    static void writeImages() {
        images = work.resolve("glyphs");
        Fixtures.png(images.resolve("cross/1.png"), Fixtures.grey8(2, 2, 255, 0, 0, 255));
        Fixtures.png(images.resolve("cross/2.png"), Fixtures.grey8(2, 2, 255, 51, 51, 255));
        Fixtures.png(images.resolve("dot/1.png"), Fixtures.grey8(1, 3, 0, 255, 0));
        Fixtures.png(images.resolve("dot/2.png"), Fixtures.grey8(1, 1, 102));
    }

    @Test
    void shouldIngestPngsAsExemplarsWithStableIdsFromTheCommandLine() throws IOException {
        TopicNames topics = TopicNames.prefixed("cli.", 2);
        Path config = Files.writeString(
                work.resolve("cli.properties"),
                String.join(
                        "\n",
                        "topics.exemplars=" + topics.exemplars(),
                        "topics.events=" + topics.events(),
                        "topics.scores=" + topics.scores(),
                        "topics.models=" + topics.models(),
                        "topics.deadletter=" + topics.deadLetters(),
                        ""));
        String[] args = {
            "--source",
            "png",
            "--path",
            images.toString(),
            "--memory-set",
            "glyphs",
            "--config",
            config.toString(),
            "--bootstrap-servers",
            KAFKA.bootstrapServers(),
            "--no-progress",
            "--rate",
            "200"
        };

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(commandLine(out, err).execute(args)).as(err.toString()).isZero();
        assertThat(commandLine(out, err).execute(args)).as(err.toString()).isZero();

        List<ConsumerRecord<String, Exemplar>> records = consume(topics.exemplarTopic(), 8);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("glyphs");
        List<Exemplar> values = records.stream().map(ConsumerRecord::value).toList();
        List<String> ids = values.stream().map(Exemplar::getId).toList();
        assertThat(ids.subList(0, 4))
                .containsExactly("png-glyphs/cross/1", "png-glyphs/cross/2", "png-glyphs/dot/1", "png-glyphs/dot/2");
        assertThat(ids.subList(4, 8)).as("a rerun sends the same ids").isEqualTo(ids.subList(0, 4));
        assertThat(values.subList(0, 4)).extracting(Exemplar::getLabel).containsExactly("cross", "cross", "dot", "dot");
        assertThat(values).extracting(Exemplar::getSource).containsOnly("png-glyphs");
        assertThat(values.get(0).getShape()).containsExactly(2, 2);
        assertThat(values.get(1).getData()).containsExactly(1f, 0.2f, 0.2f, 1f);
        assertThat(values.get(2).getShape()).containsExactly(1, 3);
        assertThat(values.get(2).getData()).containsExactly(0f, 1f, 0f);
        assertThat(values.get(3).getData()).containsExactly(0.4f);
        assertThat(out.toString()).contains("sent 4 records to cli.vma.exemplars");
    }

    @Test
    void shouldPassCsvOptionsThroughTheCommandLine() throws IOException {
        TopicNames topics = TopicNames.prefixed("csv.", 2);
        Path csv = Files.writeString(work.resolve("points.csv"), "x;label;y\n1;a;2\n3;b\n5;c;6\n7;d;8\n");
        Path config = Files.writeString(work.resolve("csv.properties"), "topics.events=" + topics.events() + "\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = commandLine(out, err)
                .execute(
                        "--source",
                        "csv",
                        "--path",
                        csv.toString(),
                        "--delimiter",
                        ";",
                        "--label-column",
                        "label",
                        "--as",
                        "events",
                        "--limit",
                        "2",
                        "--memory-set",
                        "points",
                        "--config",
                        config.toString(),
                        "--bootstrap-servers",
                        KAFKA.bootstrapServers(),
                        "--no-progress");

        assertThat(exit).as(err.toString()).isZero();
        List<ConsumerRecord<String, ScoreRequest>> records = consume(topics.eventTopic(), 2);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("points");
        assertThat(records)
                .extracting(record -> record.value().getId())
                .containsExactly("csv-points-000002", "csv-points-000004");
        assertThat(records.get(1).value().getData()).containsExactly(5f, 6f);
        assertThat(out.toString())
                .contains("sent 2 records to csv.vma.events")
                .contains(csv + ":3: ragged row: 2 cells, expected 3");
    }

    @Test
    void shouldIngestPngsAsEventsThroughTheApi() throws Exception {
        TopicNames topics = TopicNames.prefixed("api.", 2);
        KafkaConnection connection = KAFKA.connection();
        TopicCreator.ensure(connection, topics);
        Skips skips = new Skips();
        IngestSummary summary;
        try (PngFolderSource source = new PngFolderSource(images, true, skips);
                ItemProducer<?> producer =
                        ItemProducer.create(connection, topics, RecordKind.EVENTS, "glyphs", 1000, Clock.systemUTC())) {
            summary = new Ingestion(source, skips, producer, RateLimiter.perSecond(0), 3, 1000, System::nanoTime)
                    .run(Progress.NONE);
        }

        assertThat(summary.sent()).isEqualTo(3);
        List<ConsumerRecord<String, ScoreRequest>> records = consume(topics.eventTopic(), 3);
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("glyphs");
        assertThat(records)
                .extracting(record -> record.value().getId())
                .containsExactly("png-glyphs/cross/1", "png-glyphs/cross/2", "png-glyphs/dot/1");
        assertThat(records.get(2).value().getShape()).containsExactly(1, 3);
        assertThat(records.get(2).value().getData()).as("inverted").containsExactly(1f, 0f, 1f);
    }

    private static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine commandLine = new CommandLine(new IngestCommand(Map.of()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** Reads {@code count} records from the start of every partition of the topic, waiting up to 30 s. */
    private static <V> List<ConsumerRecord<String, V>> consume(Topic<String, V> topic, int count) {
        Map<String, Object> props =
                KAFKA.connection().clientProperties(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            Await.until(count + " records on " + topic.name(), Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
            assertThat(records).hasSize(count);
            return records;
        }
    }
}
