package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.ScoreRequest;

class DeadLettersTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");

    @Test
    void deadLetterOfAnUndecodableRecordCarriesTheOriginalBytesErrorTypeAndReason() {
        Random random = new Random(31);
        byte[] key = "mnist".getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[40];
        random.nextBytes(value);
        value[0] = 0x00;
        UndecodableRecordException error = catchThrowableOfType(
                UndecodableRecordException.class,
                () -> new AvroSerde<>(ScoreRequest.class).deserialize("vma.events", value));

        DeadLetter letter = DeadLetters.of(key, value, "vma.events", 3, 1234L, error, AT);

        assertThat(bytes(letter.getOriginalKey())).isEqualTo(key);
        assertThat(bytes(letter.getOriginalValue())).isEqualTo(value);
        assertThat(letter.getSourceTopic()).isEqualTo("vma.events");
        assertThat(letter.getSourcePartition()).isEqualTo(3);
        assertThat(letter.getSourceOffset()).isEqualTo(1234L);
        assertThat(letter.getErrorType()).isEqualTo("BAD_HEADER");
        assertThat(letter.getReason()).isEqualTo(error.reason()).contains("0x00");
        assertThat(letter.getTimestamp()).isEqualTo(AT);
    }

    @Test
    void deadLetterKeepsItsOwnCopyOfTheBytes() {
        byte[] value = {1, 2, 3};

        DeadLetter letter = DeadLetters.of(null, value, "vma.events", 0, 0L, new IllegalStateException("x"), AT);
        value[0] = 9;

        assertThat(bytes(letter.getOriginalValue())).containsExactly(1, 2, 3);
        assertThat(letter.getOriginalKey()).isNull();
    }

    @Test
    void undecodableCauseInsideAnotherExceptionStillGivesTheDecodeError() {
        UndecodableRecordException cause =
                new UndecodableRecordException(ErrorType.OVERSIZED, "The record is too big.");

        DeadLetter letter =
                DeadLetters.of(null, new byte[0], "vma.events", 1, 2L, new KafkaException("wrapped", cause), AT);

        assertThat(letter.getErrorType()).isEqualTo("OVERSIZED");
        assertThat(letter.getReason()).isEqualTo("The record is too big.");
    }

    @Test
    void otherErrorsUseTheirClassNameAsErrorType() {
        DeadLetter letter = DeadLetters.of(
                null,
                new byte[] {1},
                "vma.events",
                0,
                7L,
                new IllegalArgumentException("Shape [28, 28] does not match 10 values."),
                AT);

        assertThat(letter.getErrorType()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(letter.getReason()).isEqualTo("Shape [28, 28] does not match 10 values.");
    }

    @Test
    void errorWithoutMessageStillGetsAReason() {
        DeadLetter letter = DeadLetters.of(null, null, "vma.events", 0, 0L, new NullPointerException(), AT);

        assertThat(letter.getReason()).isEqualTo("A NullPointerException was thrown without a message.");
        assertThat(letter.getOriginalValue()).isNull();
    }

    @Test
    void deadLetterFitsItsOwnSerde() {
        DeadLetter letter = DeadLetters.of(
                new byte[] {1}, new byte[] {2, 3}, "vma.events", 0, 5L, new RuntimeException("boom"), AT);
        AvroSerde<DeadLetter> serde = new AvroSerde<>(DeadLetter.class);

        assertThat(serde.deserialize("vma.deadletter", serde.serialize("vma.deadletter", letter)))
                .isEqualTo(letter);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
