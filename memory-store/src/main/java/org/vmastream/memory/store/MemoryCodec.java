package org.vmastream.memory.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.StoredExemplar;
import org.vmastream.schemas.serde.AvroSerde;

/**
 * Avro single-object encoding of the values in the memory stores (evolvable, like the topics). An
 * exemplar whose values are all 8-bit grey levels is stored as a {@link StoredExemplar}, one byte
 * per value, a quarter of its floats; it decodes back to the identical {@link Exemplar}, and stores
 * written before this encoding existed read as they are.
 */
final class MemoryCodec {
    private static final int FINGERPRINT_OFFSET = 2;
    private static final long STORED_FINGERPRINT =
            SchemaNormalization.parsingFingerprint64(StoredExemplar.getClassSchema());
    private static final float LEVELS = 255f;

    private final AvroSerde<Exemplar> exemplars;
    private final AvroSerde<StoredExemplar> stored;
    private final AvroSerde<MemorySetState> states = new AvroSerde<>(MemorySetState.class);

    MemoryCodec(int maxRecordBytes) {
        this.exemplars = new AvroSerde<>(Exemplar.class, maxRecordBytes);
        this.stored = new AvroSerde<>(StoredExemplar.class, maxRecordBytes);
    }

    byte[] encode(Exemplar exemplar) {
        byte[] grey = grey8(exemplar.getData());
        if (grey == null) {
            return exemplars.serialize(null, exemplar);
        }
        return stored.serialize(
                null,
                StoredExemplar.newBuilder()
                        .setId(exemplar.getId())
                        .setMemorySet(exemplar.getMemorySet())
                        .setLabel(exemplar.getLabel())
                        .setShape(exemplar.getShape())
                        .setGrey8(ByteBuffer.wrap(grey))
                        .setTimestamp(exemplar.getTimestamp())
                        .setSource(exemplar.getSource())
                        .build());
    }

    Exemplar exemplar(byte[] bytes) {
        if (!isStored(bytes)) {
            return exemplars.deserialize(null, bytes);
        }
        StoredExemplar compact = stored.deserialize(null, bytes);
        ByteBuffer grey = compact.getGrey8().duplicate();
        List<Float> data = new ArrayList<>(grey.remaining());
        while (grey.hasRemaining()) {
            data.add((grey.get() & 0xFF) / LEVELS);
        }
        return Exemplar.newBuilder()
                .setId(compact.getId())
                .setMemorySet(compact.getMemorySet())
                .setLabel(compact.getLabel())
                .setShape(compact.getShape())
                .setData(data)
                .setTimestamp(compact.getTimestamp())
                .setSource(compact.getSource())
                .build();
    }

    byte[] encode(MemorySetState state) {
        return states.serialize(null, state);
    }

    MemorySetState state(byte[] bytes) {
        return states.deserialize(null, bytes);
    }

    /** The values as bytes when each is exactly k / 255 for some k in 0..255 (as decoded back), else null. */
    static byte[] grey8(List<Float> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            float v = values.get(i);
            int level = Math.round(v * LEVELS);
            if (level < 0 || level > 255 || level / LEVELS != v) {
                return null;
            }
            out[i] = (byte) level;
        }
        return out;
    }

    /** Whether single-object bytes were written with the StoredExemplar schema (header 0xC3 0x01, then its fingerprint). */
    private static boolean isStored(byte[] bytes) {
        return bytes != null
                && bytes.length >= FINGERPRINT_OFFSET + Long.BYTES
                && ByteBuffer.wrap(bytes, FINGERPRINT_OFFSET, Long.BYTES)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getLong()
                        == STORED_FINGERPRINT;
    }
}
