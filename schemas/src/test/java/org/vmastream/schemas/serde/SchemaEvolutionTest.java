package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

class SchemaEvolutionTest {

    private static final List<Schema> CURRENT = List.of(
            Exemplar.getClassSchema(),
            ScoreRequest.getClassSchema(),
            Score.getClassSchema(),
            ModelCheckpoint.getClassSchema(),
            DeadLetter.getClassSchema(),
            ReferenceScores.getClassSchema());

    private static Schema scoreV1() {
        Schema v1 =
                KnownSchemas.versionsOf(Score.getClassSchema().getFullName()).get(0);
        assertThat(v1.getField("addressEntropy"))
                .as("Score v1 predates addressEntropy")
                .isNull();
        return v1;
    }

    @Test
    void scoreWrittenByVersion1CodeIsReadByCurrentCodeWithAddressEntropyNull() throws IOException {
        Schema v1 = scoreV1();
        Schema addressV1 = v1.getField("topAddresses").schema().getElementType();
        GenericRecord address = new GenericRecordBuilder(addressV1)
                .set("exemplarId", "ex-7")
                .set("label", "3")
                .set("probability", 0.75)
                .build();
        GenericRecord written = new GenericRecordBuilder(v1)
                .set("eventId", "ev-1")
                .set("memorySet", "mnist")
                .set("modelVersion", 4L)
                .set("memoryVersion", 17L)
                .set("memorySize", 1000)
                .set("bound", -92.5)
                .set("k", 10)
                .set("reconstruction", -85.0)
                .set("klAddress", 3.0)
                .set("klLatent", 4.5)
                .set("topAddresses", List.of(address))
                .set("predictedLabel", "3")
                .set("predictedProbability", 0.75)
                .set("anomaly", false)
                .set("anomalyThreshold", -130.0)
                .set("latencyMillis", 2.5)
                .set("timestamp", 1_700_000_000_123L)
                .build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(written)
                .array();

        Score read = new AvroSerde<>(Score.class).deserialize("vma.scores", bytes);

        assertThat(read.getAddressEntropy()).isNull();
        assertThat(read.getEventId()).isEqualTo("ev-1");
        assertThat(read.getMemoryVersion()).isEqualTo(17L);
        assertThat(read.getBound()).isEqualTo(-92.5);
        assertThat(read.getTopAddresses()).containsExactly(new Address("ex-7", "3", 0.75));
        assertThat(read.getTimestamp().toEpochMilli()).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void currentScoreIsReadByVersion1CodeThatKnowsTheVersion2Schema() throws IOException {
        Score score = Samples.score(new Random(11));
        byte[] bytes = new AvroSerde<>(Score.class).serialize("vma.scores", score);
        // Older code: Avro's own decoder, reader schema v1, v2 registered in its store.
        BinaryMessageDecoder<GenericRecord> v1Decoder =
                new BinaryMessageDecoder<>(GenericData.get(), scoreV1(), KnownSchemas.store());

        GenericRecord read = v1Decoder.decode(bytes);

        assertThat(read.getSchema().getField("addressEntropy")).isNull();
        assertThat(read.get("eventId")).hasToString(score.getEventId());
        assertThat(read.get("bound")).isEqualTo(score.getBound());
        assertThat(read.get("memoryVersion")).isEqualTo(score.getMemoryVersion());
        assertThat(read.get("timestamp")).isEqualTo(score.getTimestamp().toEpochMilli());
        assertThat((List<?>) read.get("topAddresses"))
                .hasSize(score.getTopAddresses().size());
    }

    private static Schema scoreV2() {
        Schema v2 =
                KnownSchemas.versionsOf(Score.getClassSchema().getFullName()).get(1);
        assertThat(v2.getField("addressEntropy"))
                .as("Score v2 has addressEntropy")
                .isNotNull();
        assertThat(v2.getField("pValue")).as("Score v2 predates pValue").isNull();
        return v2;
    }

    @Test
    void scoreWrittenByVersion2CodeIsReadByCurrentCodeWithNoveltyFieldsNull() throws IOException {
        Schema v2 = scoreV2();
        GenericRecord written = new GenericRecordBuilder(v2)
                .set("eventId", "ev-2")
                .set("memorySet", "mnist")
                .set("modelVersion", 5L)
                .set("memoryVersion", 18L)
                .set("memorySize", 900)
                .set("bound", -91.0)
                .set("k", 4)
                .set("reconstruction", -84.0)
                .set("klAddress", 2.0)
                .set("klLatent", 5.0)
                .set("topAddresses", List.of())
                .set("predictedLabel", null)
                .set("predictedProbability", null)
                .set("anomaly", true)
                .set("anomalyThreshold", -90.0)
                .set("latencyMillis", 1.0)
                .set("timestamp", 1_700_000_000_456L)
                .set("addressEntropy", 1.25)
                .build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2)
                .encode(written)
                .array();

        Score read = new AvroSerde<>(Score.class).deserialize("vma.scores", bytes);

        assertThat(read.getAddressEntropy()).isEqualTo(1.25);
        assertThat(read.getAnomaly()).isTrue();
        assertThat(read.getMemoryMatch()).isNull();
        assertThat(read.getNovelty()).isNull();
        assertThat(read.getPValue()).isNull();
        assertThat(read.getAnomalyRate()).isNull();
    }

    @Test
    void currentScoreIsReadByVersion2CodeWhichSeesItsOwnFieldsOnly() throws IOException {
        Score score = Samples.score(new Random(12));
        byte[] bytes = new AvroSerde<>(Score.class).serialize("vma.scores", score);
        BinaryMessageDecoder<GenericRecord> v2Decoder =
                new BinaryMessageDecoder<>(GenericData.get(), scoreV2(), KnownSchemas.store());

        GenericRecord read = v2Decoder.decode(bytes);

        assertThat(read.getSchema().getField("pValue")).isNull();
        assertThat(read.get("addressEntropy")).isEqualTo(score.getAddressEntropy());
        assertThat(read.get("anomaly")).isEqualTo(score.getAnomaly());
        assertThat(read.get("bound")).isEqualTo(score.getBound());
    }

    @Test
    void shouldReadAVersion4ScoreWithTheLabelHeadFieldsNullWhenCurrentCodeReadsIt() throws IOException {
        Schema v4 =
                KnownSchemas.versionsOf(Score.getClassSchema().getFullName()).get(3);
        assertThat(v4.getField("truncatedCandidates"))
                .as("Score v4 has truncatedCandidates")
                .isNotNull();
        assertThat(v4.getField("headEnergy")).as("Score v4 predates headEnergy").isNull();
        Score current = Samples.score(new Random(44));
        GenericRecordBuilder builder = new GenericRecordBuilder(v4);
        for (Schema.Field field : v4.getFields()) {
            Object value = current.get(field.name());
            builder.set(
                    field.name(),
                    field.name().equals("timestamp") ? current.getTimestamp().toEpochMilli() : value);
        }
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v4)
                .encode(builder.build())
                .array();

        Score read = new AvroSerde<>(Score.class).deserialize("vma.scores", bytes);

        assertThat(read.getNovelty()).isEqualTo(current.getNovelty());
        assertThat(read.getHeadEnergy()).isNull();
        assertThat(read.getFeatureMatch()).isNull();
        assertThat(read.getHeadLabel()).isNull();
        assertThat(read.getHeadProbability()).isNull();
    }

    @Test
    void shouldLetVersion4CodeReadACurrentScoreWithoutTheLabelHeadFields() throws IOException {
        Schema v4 =
                KnownSchemas.versionsOf(Score.getClassSchema().getFullName()).get(3);
        Score score = Samples.score(new Random(45));
        byte[] bytes = new AvroSerde<>(Score.class).serialize("vma.scores", score);

        GenericRecord read =
                new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v4, KnownSchemas.store()).decode(bytes);

        assertThat(read.getSchema().getField("headEnergy")).isNull();
        assertThat(read.get("novelty")).isEqualTo(score.getNovelty());
        assertThat(read.get("pValue")).isEqualTo(score.getPValue());
    }

    @Test
    void shouldReadAVersion1ModelCheckpointWithoutALabelHead() throws IOException {
        Schema v1 = KnownSchemas.versionsOf(ModelCheckpoint.getClassSchema().getFullName())
                .get(0);
        assertThat(v1.getField("labelHead"))
                .as("ModelCheckpoint v1 predates labelHead")
                .isNull();
        GenericRecord written = new GenericRecordBuilder(v1)
                .set("version", 7L)
                .set("configuration", java.util.Map.of("latentDim", "32"))
                .set("parameters", java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .set("metrics", java.util.Map.of("bound", -90.0))
                .set("createdAt", 1_700_000_000_000L)
                .build();
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(written)
                .array();

        ModelCheckpoint read = new AvroSerde<>(ModelCheckpoint.class).deserialize("vma.models", bytes);

        assertThat(read.getVersion()).isEqualTo(7L);
        assertThat(read.getLabelHead()).isNull();
    }

    @Test
    void everyKnownVersionOfARecordCanBeReadAsItsCurrentSchema() {
        for (Schema current : CURRENT) {
            for (Schema old : KnownSchemas.versionsOf(current.getFullName())) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old)
                                .getType())
                        .as("%s read as current", old.getFullName())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    @Test
    void everyOlderVersionOfARecordCanReadItsCurrentSchema() {
        for (Schema current : CURRENT) {
            for (Schema old : KnownSchemas.versionsOf(current.getFullName())) {
                assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current)
                                .getType())
                        .as("current %s read by an older version", current.getFullName())
                        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
            }
        }
    }

    /** Guards against changing a schema without keeping the new version in the history. */
    @Test
    void currentSchemaOfEveryRecordIsItsNewestHistoryVersion() {
        for (Schema current : CURRENT) {
            List<Schema> versions = KnownSchemas.versionsOf(current.getFullName());
            assertThat(versions).as("history of %s", current.getFullName()).isNotEmpty();
            assertThat(KnownSchemas.fingerprint(versions.get(versions.size() - 1)))
                    .as("newest history version of %s", current.getFullName())
                    .isEqualTo(KnownSchemas.fingerprint(current));
        }
    }

    @Test
    void everyHistoryFileIsRegistered() throws IOException {
        List<Long> known =
                KnownSchemas.all().stream().map(KnownSchemas::fingerprint).toList();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/avro-history"))) {
            List<Path> avsc = files.filter(p -> p.toString().endsWith(".avsc")).toList();
            assertThat(avsc).isNotEmpty();
            for (Path file : avsc) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                assertThat(known)
                        .as("fingerprint of %s", file.getFileName())
                        .contains(KnownSchemas.fingerprint(schema));
            }
            assertThat(known).hasSize(avsc.size());
        }
    }
}
