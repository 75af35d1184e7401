package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

class AvroSerdeRoundTripTest {

    @Test
    void exemplarSurvivesRoundTripInSingleObjectEncoding() {
        assertRoundTrip(Exemplar.class, Samples.exemplar(new Random(1)));
    }

    @Test
    void unlabelledExemplarKeepsItsNullLabel() {
        Exemplar exemplar = Samples.exemplar(new Random(2));
        exemplar.setLabel(null);
        assertThat(assertRoundTrip(Exemplar.class, exemplar).getLabel()).isNull();
    }

    @Test
    void scoreRequestSurvivesRoundTripInSingleObjectEncoding() {
        assertRoundTrip(ScoreRequest.class, Samples.scoreRequest(new Random(3)));
    }

    @Test
    void scoreSurvivesRoundTripInSingleObjectEncoding() {
        assertRoundTrip(Score.class, Samples.score(new Random(4)));
    }

    @Test
    void modelCheckpointSurvivesRoundTripInSingleObjectEncoding() {
        assertRoundTrip(ModelCheckpoint.class, Samples.modelCheckpoint(new Random(5)));
    }

    @Test
    void deadLetterSurvivesRoundTripInSingleObjectEncoding() {
        assertRoundTrip(DeadLetter.class, Samples.deadLetter(new Random(6)));
    }

    @Test
    void nullRecordIsATombstoneBothWays() {
        AvroSerde<Score> serde = new AvroSerde<>(Score.class);
        assertThat(serde.serialize("vma.scores", null)).isNull();
        assertThat(serde.deserialize("vma.scores", null)).isNull();
    }

    @Test
    void bytesAreReadableByAvrosOwnBinaryMessageDecoder() throws Exception {
        Score score = Samples.score(new Random(7));
        byte[] bytes = new AvroSerde<>(Score.class).serialize("vma.scores", score);

        assertThat(Score.createDecoder(KnownSchemas.store()).decode(bytes)).isEqualTo(score);
    }

    @Test
    void bytesFromAvrosOwnBinaryMessageEncoderAreReadable() throws Exception {
        AvroSerde<Score> serde = new AvroSerde<>(Score.class);
        Score score = Samples.score(new Random(8));
        byte[] bytes = Score.getEncoder().encode(score).array();

        assertThat(serde.deserialize("vma.scores", bytes)).isEqualTo(score);
    }

    /** Serializes, checks the single-object header, deserializes and compares. */
    private static <T extends SpecificRecord> T assertRoundTrip(Class<T> type, T record) {
        AvroSerde<T> serde = new AvroSerde<>(type);

        byte[] bytes = serde.serialize("topic", record);

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = SchemaNormalization.parsingFingerprint64(record.getSchema());
        assertThat(Arrays.copyOfRange(bytes, 2, 10)).containsExactly(littleEndian(fingerprint));
        T read = serde.deserialize("topic", bytes);
        assertThat(read).isEqualTo(record).isNotSameAs(record);
        return read;
    }

    private static byte[] littleEndian(long value) {
        return ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array();
    }
}
