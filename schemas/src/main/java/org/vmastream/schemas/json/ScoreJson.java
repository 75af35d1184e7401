package org.vmastream.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Score;

/**
 * Renders a {@link Score} as compact JSON for people, e.g. command-line output.
 *
 * <p>The mapping is explicit rather than derived from the schema so that the output stays stable:
 * one key per Score field in schema order, optional fields as plain values or {@code null} (not
 * Avro's union wrappers), the timestamp as an ISO-8601 string. Non-finite numbers render as the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} so that the output stays valid
 * JSON.
 */
public final class ScoreJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ScoreJson() {}

    /**
     * @param score the score to render
     * @return one line of JSON, without a trailing newline
     */
    public static String render(Score score) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eventId", score.getEventId());
            json.writeStringField("memorySet", score.getMemorySet());
            json.writeNumberField("modelVersion", score.getModelVersion());
            json.writeNumberField("memoryVersion", score.getMemoryVersion());
            json.writeNumberField("memorySize", score.getMemorySize());
            json.writeNumberField("bound", score.getBound());
            json.writeNumberField("k", score.getK());
            json.writeNumberField("reconstruction", score.getReconstruction());
            json.writeNumberField("klAddress", score.getKlAddress());
            json.writeNumberField("klLatent", score.getKlLatent());
            json.writeArrayFieldStart("topAddresses");
            for (Address address : score.getTopAddresses()) {
                json.writeStartObject();
                json.writeStringField("exemplarId", address.getExemplarId());
                json.writeStringField("label", address.getLabel());
                json.writeNumberField("probability", address.getProbability());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("predictedLabel", score.getPredictedLabel());
            writeOptionalNumber(json, "predictedProbability", score.getPredictedProbability());
            json.writeBooleanField("anomaly", score.getAnomaly());
            json.writeNumberField("anomalyThreshold", score.getAnomalyThreshold());
            json.writeNumberField("latencyMillis", score.getLatencyMillis());
            json.writeStringField("timestamp", score.getTimestamp().toString());
            writeOptionalNumber(json, "addressEntropy", score.getAddressEntropy());
            writeOptionalNumber(json, "memoryMatch", score.getMemoryMatch());
            writeOptionalNumber(json, "novelty", score.getNovelty());
            writeOptionalNumber(json, "pValue", score.getPValue());
            writeOptionalNumber(json, "anomalyRate", score.getAnomalyRate());
            if (score.getTruncatedCandidates() == null) {
                json.writeNullField("truncatedCandidates");
            } else {
                json.writeNumberField(
                        "truncatedCandidates", score.getTruncatedCandidates().intValue());
            }
            writeOptionalNumber(json, "headEnergy", score.getHeadEnergy());
            writeOptionalNumber(json, "featureMatch", score.getFeatureMatch());
            json.writeStringField("headLabel", score.getHeadLabel());
            writeOptionalNumber(json, "headProbability", score.getHeadProbability());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to a string cannot fail", e);
        }
        return out.toString();
    }

    private static void writeOptionalNumber(JsonGenerator json, String name, Double value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value.doubleValue());
        }
    }
}
