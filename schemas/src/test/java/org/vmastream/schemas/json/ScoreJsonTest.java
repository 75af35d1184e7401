package org.vmastream.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;

class ScoreJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Score fixedScore() {
        return Score.newBuilder()
                .setEventId("ev-42")
                .setMemorySet("mnist")
                .setModelVersion(3)
                .setMemoryVersion(120)
                .setMemorySize(500)
                .setBound(-95.25)
                .setK(10)
                .setReconstruction(-88.5)
                .setKlAddress(2.5)
                .setKlLatent(4.25)
                .setTopAddresses(List.of(new Address("ex-1", "7", 0.625), new Address("ex-2", null, 0.25)))
                .setPredictedLabel("7")
                .setPredictedProbability(0.625)
                .setAnomaly(false)
                .setAnomalyThreshold(-140.0)
                .setLatencyMillis(1.5)
                .setTimestamp(Instant.parse("2025-03-04T05:06:07.089Z"))
                .setAddressEntropy(0.875)
                .setMemoryMatch(0.75)
                .setNovelty(1.5)
                .setPValue(0.125)
                .setAnomalyRate(0.01)
                .setTruncatedCandidates(32)
                .setHeadEnergy(-12.5)
                .setFeatureMatch(0.875)
                .setHeadLabel("7")
                .setHeadProbability(0.75)
                .build();
    }

    @Test
    void rendersEveryFieldAsCompactJsonInSchemaOrder() {
        assertThat(ScoreJson.render(fixedScore()))
                .isEqualTo("{\"eventId\":\"ev-42\",\"memorySet\":\"mnist\",\"modelVersion\":3,"
                        + "\"memoryVersion\":120,\"memorySize\":500,\"bound\":-95.25,\"k\":10,"
                        + "\"reconstruction\":-88.5,\"klAddress\":2.5,\"klLatent\":4.25,"
                        + "\"topAddresses\":["
                        + "{\"exemplarId\":\"ex-1\",\"label\":\"7\",\"probability\":0.625},"
                        + "{\"exemplarId\":\"ex-2\",\"label\":null,\"probability\":0.25}],"
                        + "\"predictedLabel\":\"7\",\"predictedProbability\":0.625,\"anomaly\":false,"
                        + "\"anomalyThreshold\":-140.0,\"latencyMillis\":1.5,"
                        + "\"timestamp\":\"2025-03-04T05:06:07.089Z\",\"addressEntropy\":0.875,"
                        + "\"memoryMatch\":0.75,\"novelty\":1.5,\"pValue\":0.125,\"anomalyRate\":0.01,"
                        + "\"truncatedCandidates\":32,\"headEnergy\":-12.5,\"featureMatch\":0.875,"
                        + "\"headLabel\":\"7\",\"headProbability\":0.75}");
    }

    @Test
    void hasOneKeyPerScoreFieldSoNewFieldsCannotBeForgotten() throws Exception {
        JsonNode json = MAPPER.readTree(ScoreJson.render(Samples.score(new Random(41))));

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactlyElementsOf(Score.getClassSchema().getFields().stream()
                        .map(Schema.Field::name)
                        .toList());
    }

    @Test
    void valuesMatchTheScore() throws Exception {
        Score score = Samples.score(new Random(42));

        JsonNode json = MAPPER.readTree(ScoreJson.render(score));

        assertThat(json.get("eventId").asText()).isEqualTo(score.getEventId());
        assertThat(json.get("bound").asDouble()).isEqualTo(score.getBound());
        assertThat(json.get("memoryVersion").asLong()).isEqualTo(score.getMemoryVersion());
        assertThat(json.get("anomaly").asBoolean()).isEqualTo(score.getAnomaly());
        assertThat(json.get("topAddresses").get(0).get("probability").asDouble())
                .isEqualTo(score.getTopAddresses().get(0).getProbability());
        assertThat(Instant.parse(json.get("timestamp").asText())).isEqualTo(score.getTimestamp());
    }

    @Test
    void missingOptionalValuesRenderAsNull() throws Exception {
        Score score = fixedScore();
        score.setPredictedLabel(null);
        score.setPredictedProbability(null);
        score.setAddressEntropy(null);
        score.setNovelty(null);
        score.setPValue(null);

        JsonNode json = MAPPER.readTree(ScoreJson.render(score));

        assertThat(json.get("novelty").isNull()).isTrue();
        assertThat(json.get("pValue").isNull()).isTrue();
        assertThat(json.get("predictedLabel").isNull()).isTrue();
        assertThat(json.get("predictedProbability").isNull()).isTrue();
        assertThat(json.get("addressEntropy").isNull()).isTrue();
    }

    @Test
    void nonFiniteNumbersRenderAsStringsSoTheOutputStaysValidJson() throws Exception {
        Score score = fixedScore();
        score.setBound(Double.NEGATIVE_INFINITY);
        score.setKlLatent(Double.NaN);

        JsonNode json = MAPPER.readTree(ScoreJson.render(score));

        assertThat(json.get("bound").asText()).isEqualTo("-Infinity");
        assertThat(json.get("klLatent").asText()).isEqualTo("NaN");
    }
}
