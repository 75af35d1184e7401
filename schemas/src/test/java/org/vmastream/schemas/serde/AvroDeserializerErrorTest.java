package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

class AvroDeserializerErrorTest {

    private static final String TOPIC = "vma.scores";

    private final AvroSerde<Score> serde = new AvroSerde<>(Score.class);

    @Test
    void unknownFingerprintIsRejectedAsUnknownSchema() {
        Random random = new Random(21);
        byte[] bytes = serde.serialize(TOPIC, Samples.score(random));
        byte[] fingerprint = new byte[8];
        random.nextBytes(fingerprint);
        System.arraycopy(fingerprint, 0, bytes, 2, 8);

        UndecodableRecordException e = decodeFailure(bytes);

        assertThat(e.error()).isEqualTo(ErrorType.UNKNOWN_SCHEMA);
        assertThat(e.reason()).contains("not a known schema version");
        assertThat(e).isInstanceOf(SerializationException.class);
    }

    @Test
    void recordOfAnotherTypeIsRejectedAsIncompatibleSchema() {
        byte[] exemplar = new AvroSerde<>(Exemplar.class).serialize("vma.exemplars", Samples.exemplar(new Random(22)));

        UndecodableRecordException e = decodeFailure(exemplar);

        assertThat(e.error()).isEqualTo(ErrorType.INCOMPATIBLE_SCHEMA);
        assertThat(e.reason()).contains("org.vmastream.schemas.Exemplar", "org.vmastream.schemas.Score");
    }

    @Test
    void truncatedBodyIsRejectedAsCorruptBody() {
        byte[] bytes = serde.serialize(TOPIC, Samples.score(new Random(23)));

        UndecodableRecordException e = decodeFailure(Arrays.copyOf(bytes, bytes.length - 5));

        assertThat(e.error()).isEqualTo(ErrorType.CORRUPT_BODY);
        assertThat(e.reason()).contains("ends before a complete org.vmastream.schemas.Score");
    }

    @Test
    void headerWithoutBodyIsRejectedAsCorruptBody() {
        byte[] bytes = serde.serialize(TOPIC, Samples.score(new Random(24)));

        assertThat(decodeFailure(Arrays.copyOf(bytes, SingleObjectReader.HEADER_LENGTH))
                        .error())
                .isEqualTo(ErrorType.CORRUPT_BODY);
    }

    @Test
    void trailingBytesAfterTheRecordAreRejectedAsCorruptBody() {
        byte[] bytes = serde.serialize(TOPIC, Samples.score(new Random(25)));

        UndecodableRecordException e = decodeFailure(Arrays.copyOf(bytes, bytes.length + 3));

        assertThat(e.error()).isEqualTo(ErrorType.CORRUPT_BODY);
        assertThat(e.reason()).startsWith("3 unexpected bytes follow");
    }

    @Test
    void hugeLengthPrefixIsRejectedAsCorruptBodyWithoutReadingIt() {
        byte[] valid = serde.serialize(TOPIC, Samples.score(new Random(26)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, SingleObjectReader.HEADER_LENGTH);
        // eventId claims 2^30 bytes (zig-zag varint of 2^30 is 2^31) but only a few follow.
        long zigZag = 1L << 31;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);
        bytes.writeBytes(new byte[] {'e', 'v'});

        UndecodableRecordException e = decodeFailure(bytes.toByteArray());

        assertThat(e.error()).isEqualTo(ErrorType.CORRUPT_BODY);
        assertThat(e.reason()).contains("1073741824 bytes");
    }

    @Test
    void arrayClaimingMoreFloatsThanTheRecordHoldsIsRejectedWithoutAllocatingThem() {
        AvroSerde<ScoreRequest> requests = new AvroSerde<>(ScoreRequest.class);
        byte[] valid = requests.serialize(TOPIC, Samples.scoreRequest(new Random(27)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(valid, 0, SingleObjectReader.HEADER_LENGTH);
        bytes.writeBytes(new byte[] {2, 'e', 2, 's', 0}); // id "e", memory set "s", empty shape
        // data claims 2^30 floats (4 GiB, more than the test heap; zig-zag 2^31), but eight bytes follow.
        writeVarint(bytes, 1L << 31);
        bytes.writeBytes(new byte[8]);

        UndecodableRecordException e = catchThrowableOfType(
                UndecodableRecordException.class, () -> requests.deserialize(TOPIC, bytes.toByteArray()));

        assertThat(e.error()).isEqualTo(ErrorType.CORRUPT_BODY);
    }

    private static void writeVarint(ByteArrayOutputStream bytes, long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes.write((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        bytes.write((int) rest);
    }

    @Test
    void garbageHeaderIsRejectedAsBadHeader() {
        Random random = new Random(27);
        byte[] garbage = new byte[64];
        random.nextBytes(garbage);
        garbage[0] = 0x7B; // '{', as if someone produced JSON

        UndecodableRecordException e = decodeFailure(garbage);

        assertThat(e.error()).isEqualTo(ErrorType.BAD_HEADER);
        assertThat(e.reason()).contains("0x7B", "0xC3 0x01");
    }

    @Test
    void recordShorterThanTheHeaderIsRejectedAsBadHeader() {
        UndecodableRecordException e = decodeFailure(new byte[] {(byte) 0xC3, 0x01, 0x42});

        assertThat(e.error()).isEqualTo(ErrorType.BAD_HEADER);
        assertThat(e.reason()).contains("3 bytes long");
    }

    @Test
    void recordLargerThanTheLimitIsRejectedAsOversizedBeforeDecoding() {
        byte[] bytes = new AvroSerde<>(Exemplar.class).serialize("vma.exemplars", Samples.exemplar(new Random(28)));
        AvroSerde<Exemplar> small = new AvroSerde<>(Exemplar.class, 1024);

        UndecodableRecordException e =
                catchThrowableOfType(UndecodableRecordException.class, () -> small.deserialize("vma.exemplars", bytes));

        assertThat(e.error()).isEqualTo(ErrorType.OVERSIZED);
        assertThat(e.reason()).contains(bytes.length + " bytes long", "limit of 1024");
    }

    @Test
    void defaultLimitIsOneMebibyte() {
        assertThat(serde.deserializer().maxRecordBytes()).isEqualTo(1 << 20);
    }

    @Test
    void configuredLimitAppliesToLaterRecords() {
        byte[] bytes = serde.serialize(TOPIC, Samples.score(new Random(29)));

        serde.configure(Map.of(AvroDeserializer.MAX_RECORD_BYTES_CONFIG, "16"), false);

        assertThat(serde.deserializer().maxRecordBytes()).isEqualTo(16);
        assertThat(decodeFailure(bytes).error()).isEqualTo(ErrorType.OVERSIZED);
    }

    @Test
    void nonPositiveLimitIsAConfigError() {
        assertThatThrownBy(() -> serde.configure(Map.of(AvroDeserializer.MAX_RECORD_BYTES_CONFIG, 0), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(AvroDeserializer.MAX_RECORD_BYTES_CONFIG);
    }

    private UndecodableRecordException decodeFailure(byte[] bytes) {
        return catchThrowableOfType(UndecodableRecordException.class, () -> serde.deserialize(TOPIC, bytes));
    }
}
