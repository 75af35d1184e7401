package org.vmastream.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Kafka serde for a generated Avro record class, in Avro single-object encoding with every {@link
 * KnownSchemas known schema version} readable. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** @param type the generated record class */
    public AvroSerde(Class<T> type) {
        this(type, AvroDeserializer.DEFAULT_MAX_RECORD_BYTES);
    }

    /**
     * @param type the generated record class
     * @param maxRecordBytes larger records are rejected on read with {@link ErrorType#OVERSIZED}
     */
    public AvroSerde(Class<T> type, int maxRecordBytes) {
        this.serializer = new AvroSerializer<>(type);
        this.deserializer = new AvroDeserializer<>(type, maxRecordBytes);
    }

    /** Passes the configs on to the deserializer (see {@link AvroDeserializer#configure}). */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        deserializer.configure(configs, isKey);
    }

    @Override
    public AvroSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public AvroDeserializer<T> deserializer() {
        return deserializer;
    }

    /** Shorthand for {@code serializer().serialize(topic, record)}. */
    public byte[] serialize(String topic, T record) {
        return serializer.serialize(topic, record);
    }

    /** Shorthand for {@code deserializer().deserialize(topic, bytes)}. */
    public T deserialize(String topic, byte[] bytes) {
        return deserializer.deserialize(topic, bytes);
    }
}
