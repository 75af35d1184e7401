package org.vmastream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in Avro single-object encoding: {@code 0xC3 0x01}, the 8-byte
 * little-endian CRC-64-AVRO fingerprint of the record's current schema, then the binary body.
 * Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;

    /** @param type the generated record class */
    public AvroSerializer(Class<T> type) {
        GeneratedRecordTrust.install();
        // The class's own model carries its logical-type conversions (e.g. Instant timestamps).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
    }

    /**
     * @return the encoded record, or null for a null record (a tombstone)
     * @throws SerializationException if the record cannot be encoded, e.g. a required field is null
     */
    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Cannot encode a " + schema.getFullName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
