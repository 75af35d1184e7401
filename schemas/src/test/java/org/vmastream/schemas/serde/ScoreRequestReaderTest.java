package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;

class ScoreRequestReaderTest {
    private final ScoreRequestReader reader = new ScoreRequestReader();

    @Test
    void readsWhatAvrosOwnReaderReads() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            ScoreRequest request = Samples.scoreRequest(random);
            byte[] body = body(request, false);
            ScoreRequest expected = new SpecificDatumReader<>(ScoreRequest.class)
                    .read(null, DecoderFactory.get().binaryDecoder(body, null));
            assertThat(reader.read(null, DecoderFactory.get().binaryDecoder(body, null)))
                    .isEqualTo(expected)
                    .isEqualTo(request);
        }
    }

    @Test
    void readsArraysWrittenInManyBlocks() throws IOException {
        List<Float> data = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            data.add(i / 3000f);
        }
        ScoreRequest request = new ScoreRequest("ev-1", "digits", List.of(3000), data, Instant.ofEpochMilli(1234));
        byte[] body = body(request, true);
        ScoreRequest read = reader.read(null, DecoderFactory.get().binaryDecoder(body, null));
        assertThat(read).isEqualTo(request);
        assertThat(read.getData()).isInstanceOf(PrimitivesArrays.FloatArray.class);
        assertThat(((PrimitivesArrays.FloatArray) read.getData()).getFloat(2999))
                .isEqualTo(2999 / 3000f);
    }

    @Test
    void theDeserializerUsesItForTheCurrentSchemaAndStillRefusesATruncatedBody() {
        ScoreRequest request = Samples.scoreRequest(new Random(8));
        byte[] bytes = new AvroSerializer<>(ScoreRequest.class).serialize("vma.events", request);
        AvroDeserializer<ScoreRequest> deserializer = new AvroDeserializer<>(ScoreRequest.class);
        assertThat(deserializer.deserialize("vma.events", bytes).getData())
                .isInstanceOf(PrimitivesArrays.FloatArray.class)
                .isEqualTo(request.getData());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 12);
        assertThatThrownBy(() -> deserializer.deserialize("vma.events", truncated))
                .isInstanceOfSatisfying(
                        UndecodableRecordException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorType.CORRUPT_BODY));
    }

    @Test
    void refusesAnyOtherSchema() {
        assertThatThrownBy(() -> reader.setSchema(Score.getClassSchema())).isInstanceOf(IllegalArgumentException.class);
    }

    /** The binary body; with {@code blocks}, arrays go out in blocks of at most 64 bytes with byte counts. */
    private static byte[] body(ScoreRequest request, boolean blocks) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder target = blocks
                ? new EncoderFactory().configureBlockSize(64).blockingBinaryEncoder(out, null)
                : EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(ScoreRequest.class).write(request, target);
        target.flush();
        return out.toByteArray();
    }
}
