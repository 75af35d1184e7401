package org.vmastream.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.SchemaStore;

/**
 * Decodes Avro single-object encoded bytes ({@code 0xC3 0x01}, 8-byte little-endian CRC-64-AVRO
 * fingerprint of the writer schema, binary body) into records of one reader schema, classifying
 * every failure as an {@link UndecodableRecordException}.
 *
 * <p>Reads the same format as Avro's {@link org.apache.avro.message.BinaryMessageDecoder}, but
 * checks the header itself to tell the failure kinds apart, and decodes the body from the byte
 * array so that a corrupt length prefix fails at once instead of allocating up to 2 GiB first.
 * Thread-safe.
 *
 * @param <T> the type records are read as
 */
public final class SingleObjectReader<T> {

    /** Marker, then fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final GenericData model;
    private final Schema readerSchema;
    private final SchemaStore store;
    private final Map<Long, DatumReader<T>> readersByFingerprint = new ConcurrentHashMap<>();
    private final DatumReader<T> currentSchemaReader;

    /**
     * @param model the data model that builds the records (e.g. a generated class's {@code MODEL$},
     *     or {@link GenericData#get()} for generic records)
     * @param readerSchema the schema records are read as
     * @param store where writer schemas are looked up by fingerprint
     */
    public SingleObjectReader(GenericData model, Schema readerSchema, SchemaStore store) {
        this(model, readerSchema, store, null);
    }

    /**
     * @param model the data model that builds the records
     * @param readerSchema the schema records are read as
     * @param store where writer schemas are looked up by fingerprint
     * @param currentSchemaReader a thread-safe reader for bodies written with {@code readerSchema}
     *     itself, used instead of the model's (null: the model's for every version)
     */
    public SingleObjectReader(
            GenericData model, Schema readerSchema, SchemaStore store, DatumReader<T> currentSchemaReader) {
        this.model = Objects.requireNonNull(model, "model");
        this.readerSchema = Objects.requireNonNull(readerSchema, "readerSchema");
        this.store = Objects.requireNonNull(store, "store");
        this.currentSchemaReader = currentSchemaReader;
        if (currentSchemaReader != null) {
            currentSchemaReader.setSchema(readerSchema);
        }
    }

    /**
     * @param bytes one single-object encoded record
     * @return the record, read as the reader schema
     * @throws UndecodableRecordException with {@link ErrorType#BAD_HEADER}, {@link
     *     ErrorType#UNKNOWN_SCHEMA}, {@link ErrorType#INCOMPATIBLE_SCHEMA} or {@link
     *     ErrorType#CORRUPT_BODY}
     */
    public T read(byte[] bytes) {
        checkHeader(bytes);
        long fingerprint =
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        DatumReader<T> reader = readersByFingerprint.computeIfAbsent(fingerprint, this::readerFor);
        BinaryDecoder body =
                DecoderFactory.get().binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
        T record;
        try {
            record = reader.read(null, body);
        } catch (EOFException e) {
            throw new UndecodableRecordException(
                    ErrorType.CORRUPT_BODY,
                    "The record body ends before a complete "
                            + readerSchema.getFullName()
                            + " was read"
                            + (e.getMessage() != null ? " (" + e.getMessage() + ")." : "."),
                    e);
        } catch (SecurityException e) {
            // Avro refused to load a class: a setup fault, not bad data, so fail rather than dead-letter.
            throw e;
        } catch (IOException | RuntimeException e) {
            // Malformed input surfaces as many runtime types (bad union index, negative length, ...).
            throw new UndecodableRecordException(
                    ErrorType.CORRUPT_BODY,
                    "The record body is not a valid " + readerSchema.getFullName() + ": " + describe(e) + ".",
                    e);
        }
        int extra = body.remainingBytes();
        if (extra > 0) {
            throw new UndecodableRecordException(
                    ErrorType.CORRUPT_BODY,
                    extra + " unexpected bytes follow the " + readerSchema.getFullName() + " in the record body.");
        }
        return record;
    }

    private static void checkHeader(byte[] bytes) {
        if (bytes.length < HEADER_LENGTH) {
            throw new UndecodableRecordException(
                    ErrorType.BAD_HEADER,
                    "The record is "
                            + bytes.length
                            + " bytes long, shorter than the "
                            + HEADER_LENGTH
                            + "-byte Avro single-object header.");
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new UndecodableRecordException(
                    ErrorType.BAD_HEADER,
                    String.format(
                            "The record starts with 0x%02X 0x%02X instead of the Avro single-object marker"
                                    + " 0xC3 0x01.",
                            bytes[0], bytes[1]));
        }
    }

    private DatumReader<T> readerFor(long fingerprint) {
        Schema writerSchema = store.findByFingerprint(fingerprint);
        if (writerSchema == null) {
            throw new UndecodableRecordException(
                    ErrorType.UNKNOWN_SCHEMA,
                    String.format(
                            "The record was written with schema fingerprint 0x%016X, which is not a known"
                                    + " schema version.",
                            fingerprint));
        }
        if (currentSchemaReader != null && writerSchema.equals(readerSchema)) {
            return currentSchemaReader;
        }
        SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new UndecodableRecordException(
                    ErrorType.INCOMPATIBLE_SCHEMA,
                    String.format(
                            "The record was written as %s (fingerprint 0x%016X), which cannot be read as %s: %s.",
                            writerSchema.getFullName(),
                            fingerprint,
                            readerSchema.getFullName(),
                            compatibility
                                    .getResult()
                                    .getIncompatibilities()
                                    .get(0)
                                    .getMessage()));
        }
        @SuppressWarnings("unchecked")
        DatumReader<T> reader = model.createDatumReader(writerSchema, readerSchema);
        return reader;
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
