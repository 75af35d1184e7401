package org.vmastream.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.StoredExemplar;

/**
 * Every schema version this code knows, current and historical, indexed by CRC-64-AVRO fingerprint.
 *
 * <p>Readers resolve the fingerprint in each record's header through {@link #store()}, so records
 * written by older (or, once their schema is added here, newer) code stay readable. To change a
 * record's schema: edit its {@code .avsc} under {@code src/main/avro}, copy the result to {@code
 * src/main/resources/avro-history/<Record>-v<N+1>.avsc} and add that name to the history list
 * below.
 * Never edit or remove a history file: records written with it may still sit in a topic.
 */
public final class KnownSchemas {

    private static final String HISTORY_DIRECTORY = "/avro-history/";

    /** Resource names under {@code avro-history/}, oldest version of each record first. */
    private static final List<String> HISTORY = List.of(
            "Exemplar-v1",
            "ScoreRequest-v1",
            "Score-v1",
            "Score-v2",
            "Score-v3",
            "Score-v4",
            "Score-v5",
            "ModelCheckpoint-v1",
            "ModelCheckpoint-v2",
            "DeadLetter-v1",
            "MemorySetState-v1",
            "StoredExemplar-v1",
            "ReferenceScores-v1",
            "ReferenceScores-v2");

    private static final List<Schema> CURRENT = List.of(
            Exemplar.getClassSchema(),
            ScoreRequest.getClassSchema(),
            Score.getClassSchema(),
            ModelCheckpoint.getClassSchema(),
            DeadLetter.getClassSchema(),
            MemorySetState.getClassSchema(),
            StoredExemplar.getClassSchema(),
            ReferenceScores.getClassSchema());

    private static final List<Schema> HISTORICAL =
            HISTORY.stream().map(KnownSchemas::loadHistory).toList();

    private static final Map<Long, Schema> BY_FINGERPRINT = index();

    private static final SchemaStore STORE = BY_FINGERPRINT::get;

    private KnownSchemas() {}

    /** @return a read-only store holding every known version of every record schema */
    public static SchemaStore store() {
        return STORE;
    }

    /** @return every known schema version, one per distinct fingerprint */
    public static Collection<Schema> all() {
        return BY_FINGERPRINT.values();
    }

    /**
     * @param fullName a record's full name, e.g. {@code org.vmastream.schemas.Score}
     * @return the historical versions of that record, oldest first; empty if it has none
     */
    public static List<Schema> versionsOf(String fullName) {
        return HISTORICAL.stream().filter(s -> s.getFullName().equals(fullName)).toList();
    }

    /**
     * @param schema any schema
     * @return its CRC-64-AVRO fingerprint, the one single-object encoding puts in a record's header
     */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static Map<Long, Schema> index() {
        Map<Long, Schema> index = new LinkedHashMap<>();
        HISTORICAL.forEach(s -> index.put(fingerprint(s), s));
        // The generated classes' schemas win over an identical history copy: same fingerprint, and
        // they carry the code generator's string-type hints.
        CURRENT.forEach(s -> index.put(fingerprint(s), s));
        return Map.copyOf(index);
    }

    private static Schema loadHistory(String name) {
        String path = HISTORY_DIRECTORY + name + ".avsc";
        try (InputStream in = KnownSchemas.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Schema history resource " + path + " is missing");
            }
            // A fresh parser per file: versions of one record share a name, which a parser defines once.
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema history resource " + path, e);
        }
    }
}
