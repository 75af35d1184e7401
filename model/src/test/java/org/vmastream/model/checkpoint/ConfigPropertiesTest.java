package org.vmastream.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmastream.model.ModelConfig;

class ConfigPropertiesTest {

    @Test
    void shouldRoundTripEveryModelSetting() {
        ModelConfig recall = ModelConfig.mnistExemplar(2);
        ModelConfig learned = ModelConfig.mnistLearned(64);

        assertThat(ConfigProperties.modelConfig(ConfigProperties.of(recall))).isEqualTo(recall);
        assertThat(ConfigProperties.modelConfig(ConfigProperties.of(learned))).isEqualTo(learned);
        assertThat(ConfigProperties.modelConfig(ConfigProperties.of(recall.withOutputSkip(false)))
                        .outputSkip())
                .isFalse();
    }

    @Test
    void shouldReadFilesWrittenBeforeTheOutputSkipAsModelsWithoutIt() {
        Map<String, String> older = new LinkedHashMap<>(ConfigProperties.of(ModelConfig.mnistExemplar(0)));
        older.remove("model.outputSkip");

        assertThat(ConfigProperties.modelConfig(older))
                .isEqualTo(ModelConfig.mnistExemplar(0).withOutputSkip(false));
    }

    @Test
    void shouldRefuseAMalformedFlag() {
        Map<String, String> broken = new LinkedHashMap<>(ConfigProperties.of(ModelConfig.mnistExemplar(0)));
        broken.put("model.outputSkip", "yes");

        assertThatThrownBy(() -> ConfigProperties.modelConfig(broken))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("model.outputSkip");
    }
}
