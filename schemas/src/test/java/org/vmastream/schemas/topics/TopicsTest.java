package org.vmastream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.Samples;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.serde.AvroSerde;

class TopicsTest {

    @Test
    void defaultTopicsHaveTheAgreedNames() {
        assertThat(Topics.all())
                .extracting(Topic::name)
                .containsExactly("vma.exemplars", "vma.events", "vma.scores", "vma.models", "vma.deadletter");
    }

    @Test
    void onlyTheModelsTopicIsCompacted() {
        assertThat(Topics.all())
                .filteredOn(Topic::compacted)
                .extracting(Topic::name)
                .containsExactly("vma.models");
        assertThat(Topics.scores().configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    }

    @Test
    void modelsTopicAcceptsCheckpointsLargerThanTheDefaultLimit() {
        Topic<String, ModelCheckpoint> models = Topics.models();

        assertThat(models.configs())
                .containsEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MODELS_MAX_RECORD_BYTES));
        assertThat(((AvroSerde<ModelCheckpoint>) models.valueSerde())
                        .deserializer()
                        .maxRecordBytes())
                .isEqualTo(Topics.MODELS_MAX_RECORD_BYTES);
    }

    @Test
    void valueSerdeOfATopicRoundTripsItsRecords() {
        Topic<String, Score> scores = Topics.scores();
        Score score = Samples.score(new Random(51));

        byte[] bytes = scores.valueSerde().serializer().serialize(scores.name(), score);

        assertThat(scores.valueSerde().deserializer().deserialize(scores.name(), bytes))
                .isEqualTo(score);
        assertThat(scores.keySerde()
                        .deserializer()
                        .deserialize(
                                scores.name(), scores.keySerde().serializer().serialize(scores.name(), "ev-1")))
                .isEqualTo("ev-1");
    }

    @Test
    void renamedTopicKeepsItsSerdesAndConfigs() {
        Topic<String, Score> scores = Topics.scores();

        Topic<String, Score> renamed = scores.withName("test-1.vma.scores");

        assertThat(renamed.name()).isEqualTo("test-1.vma.scores");
        assertThat(renamed.valueSerde()).isSameAs(scores.valueSerde());
        assertThat(renamed.configs()).isEqualTo(scores.configs());
    }

    @Test
    void eachCallGivesFreshSerdesSoConfiguringOneLeavesOthersAlone() {
        assertThat(Topics.scores().valueSerde()).isNotSameAs(Topics.scores().valueSerde());
    }

    @Test
    void blankNameIsRejected() {
        assertThatThrownBy(() -> Topics.scores().withName(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
