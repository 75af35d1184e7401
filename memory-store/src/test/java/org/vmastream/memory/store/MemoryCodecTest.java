package org.vmastream.memory.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.serde.AvroSerde;

class MemoryCodecTest {
    private static final MemoryCodec CODEC = new MemoryCodec(1 << 20);

    private static Exemplar exemplar(List<Float> data) {
        return Exemplar.newBuilder()
                .setId("e1")
                .setMemorySet("digits")
                .setLabel("7")
                .setShape(List.of(28, 28))
                .setData(data)
                .setTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
                .setSource("test")
                .build();
    }

    private static List<Float> greyLevels(SplittableRandom random) {
        List<Float> data = new ArrayList<>();
        for (int i = 0; i < 784; i++) {
            data.add(random.nextInt(256) / 255f);
        }
        return data;
    }

    @Test
    void shouldStoreEightBitGreyLevelsInAQuarterOfTheBytesAndDecodeTheIdenticalExemplar() {
        Exemplar grey = exemplar(greyLevels(new SplittableRandom(1)));
        byte[] compact = CODEC.encode(grey);
        byte[] floats = new AvroSerde<>(Exemplar.class).serialize(null, grey);

        assertThat(CODEC.exemplar(compact)).isEqualTo(grey);
        assertThat(compact.length).as("bytes stored").isLessThan(floats.length / 3);
    }

    @Test
    void shouldKeepFloatsThatAreNotGreyLevelsAsTheyAre() {
        List<Float> data = greyLevels(new SplittableRandom(2));
        data.set(100, 0.3f);
        Exemplar mixed = exemplar(data);

        byte[] bytes = CODEC.encode(mixed);

        assertThat(bytes).isEqualTo(new AvroSerde<>(Exemplar.class).serialize(null, mixed));
        assertThat(CODEC.exemplar(bytes)).isEqualTo(mixed);
        assertThat(MemoryCodec.grey8(List.of(0f, 1f, 128 / 255f))).containsExactly(0, (byte) 255, (byte) 128);
        assertThat(MemoryCodec.grey8(List.of(1.5f))).isNull();
        assertThat(MemoryCodec.grey8(List.of(-1 / 255f))).isNull();
    }

    @Test
    void shouldReadExemplarsStoredAsFloatsBeforeTheCompactEncoding() {
        Exemplar grey = exemplar(greyLevels(new SplittableRandom(3)));
        byte[] legacy = new AvroSerde<>(Exemplar.class).serialize(null, grey);

        assertThat(CODEC.exemplar(legacy)).isEqualTo(grey);
    }
}
