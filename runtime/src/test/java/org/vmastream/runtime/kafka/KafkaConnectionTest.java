package org.vmastream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.vmastream.runtime.settings.Settings;

class KafkaConnectionTest {
    private final KafkaConnection connection = KafkaConnection.from(
            Settings.load(
                    null,
                    Map.of(),
                    Map.of(
                            "kafka.client.client.id", "shared",
                            "kafka.producer.compression.type", "none")),
            "127.0.0.1:9092");

    @Test
    void producerSettingsOverrideTheProjectsChoiceForProducers() {
        Map<String, Object> props = connection.producerProperties(
                Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all"));

        assertThat(props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("none");
        assertThat(props.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(props.get(CommonClientConfigs.CLIENT_ID_CONFIG)).isEqualTo("shared");
        assertThat(props.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void producerSettingsStayOutOfOtherClients() {
        Map<String, Object> props = connection.clientProperties(Map.of());

        assertThat(props.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isFalse();
        assertThat(props.get(CommonClientConfigs.CLIENT_ID_CONFIG)).isEqualTo("shared");
    }

    @Test
    void specificSettingsWinOverSharedClientSettings() {
        assertThat(connection
                        .clientProperties(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "mine"))
                        .get(CommonClientConfigs.CLIENT_ID_CONFIG))
                .isEqualTo("mine");
    }
}
