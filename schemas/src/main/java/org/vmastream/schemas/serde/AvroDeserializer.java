package org.vmastream.schemas.serde;

import java.util.Map;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;
import org.vmastream.schemas.ScoreRequest;

/**
 * Reads generated Avro records from Avro single-object encoding, accepting every schema version
 * registered in {@link KnownSchemas} that resolves to the record's current schema. Every failure is
 * an {@link UndecodableRecordException} carrying a {@link ErrorType}. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    /** Kafka config key for the largest record, in bytes, that is decoded. */
    public static final String MAX_RECORD_BYTES_CONFIG = "vma.avro.max.record.bytes";

    /** Default for {@link #MAX_RECORD_BYTES_CONFIG}: 1 MiB, Kafka's default maximum message size. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private final SingleObjectReader<T> reader;
    private volatile int maxRecordBytes;

    /** @param type the generated record class */
    public AvroDeserializer(Class<T> type) {
        this(type, DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param type the generated record class
     * @param maxRecordBytes larger records are rejected with {@link ErrorType#OVERSIZED}
     */
    public AvroDeserializer(Class<T> type, int maxRecordBytes) {
        GeneratedRecordTrust.install();
        SpecificData model = SpecificData.getForClass(type);
        this.reader = new SingleObjectReader<>(model, model.getSchema(type), KnownSchemas.store(), directReader(type));
        this.maxRecordBytes = requirePositive(maxRecordBytes);
    }

    /** Reads {@link #MAX_RECORD_BYTES_CONFIG} if present. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object value = configs.get(MAX_RECORD_BYTES_CONFIG);
        if (value == null) {
            return;
        }
        try {
            int parsed = value instanceof Number n
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
            maxRecordBytes = requirePositive(parsed);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(MAX_RECORD_BYTES_CONFIG, value, "must be a positive integer");
        }
    }

    /** @return the largest record, in bytes, that is decoded */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * @return the record, or null for null bytes (a tombstone)
     * @throws UndecodableRecordException if the bytes are oversized or cannot be decoded
     */
    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int limit = maxRecordBytes;
        if (data.length > limit) {
            throw new UndecodableRecordException(
                    ErrorType.OVERSIZED,
                    "The record is " + data.length + " bytes long, more than the limit of " + limit + ".");
        }
        return reader.read(data);
    }

    /** A reader of the current schema into primitive arrays, for types with large numeric arrays. */
    @SuppressWarnings("unchecked")
    private static <T> DatumReader<T> directReader(Class<T> type) {
        return type == ScoreRequest.class ? (DatumReader<T>) new ScoreRequestReader() : null;
    }

    private static int requirePositive(int maxRecordBytes) {
        if (maxRecordBytes <= 0) {
            throw new IllegalArgumentException("The maximum record size must be positive, not " + maxRecordBytes);
        }
        return maxRecordBytes;
    }
}
