package org.vmastream.schemas.serde;

import java.io.IOException;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.PrimitivesArrays;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.Decoder;
import org.vmastream.schemas.ScoreRequest;

/**
 * Reads {@link ScoreRequest} bodies written with the current schema straight into primitive
 * arrays. Avro's generic reader boxes every float of an event (a 28x28 image is 784 {@code Float}s
 * and an {@code Object[]}), which was a fifth of everything the streaming JVM allocated; this
 * reader fills a {@link PrimitivesArrays.FloatArray} instead. Older schema versions still go
 * through Avro's resolving reader. Stateless, so thread-safe.
 */
final class ScoreRequestReader implements DatumReader<ScoreRequest> {
    private static final Schema SCHEMA = ScoreRequest.getClassSchema();
    private static final Schema SHAPE = SCHEMA.getField("shape").schema();
    private static final Schema DATA = SCHEMA.getField("data").schema();

    /** Arrays start at most this large; a larger (or corrupt) block count grows them as values arrive. */
    private static final int INITIAL_CAPACITY_LIMIT = 1 << 12;

    /** Refuses any schema but the current one: it is the only layout this reader knows. */
    @Override
    public void setSchema(Schema schema) {
        if (!SCHEMA.equals(schema)) {
            throw new IllegalArgumentException("reads only the current " + SCHEMA.getFullName() + " schema");
        }
    }

    @Override
    public ScoreRequest read(ScoreRequest reuse, Decoder in) throws IOException {
        String id = in.readString();
        String memorySet = in.readString();
        PrimitivesArrays.IntArray shape = new PrimitivesArrays.IntArray(0, SHAPE);
        for (long block = in.readArrayStart(); block > 0; block = in.arrayNext()) {
            for (long i = 0; i < block; i++) {
                shape.add(shape.size(), in.readInt());
            }
        }
        long first = in.readArrayStart();
        PrimitivesArrays.FloatArray data =
                new PrimitivesArrays.FloatArray((int) Math.min(first, INITIAL_CAPACITY_LIMIT), DATA);
        for (long block = first; block > 0; block = in.arrayNext()) {
            for (long i = 0; i < block; i++) {
                data.add(data.size(), in.readFloat());
            }
        }
        Instant timestamp = Instant.ofEpochMilli(in.readLong());
        return new ScoreRequest(id, memorySet, shape, data, timestamp);
    }
}
