package org.vmastream.runtime.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.vmastream.runtime.settings.Settings;

class KafkaConnectionTest {
    private final KafkaConnection connection = KafkaConnection.from(Settings.load(null, Map.of(), Map.of(
            "kafka.client.client.id", "shared",
            "kafka.producer.compression.type", "none")), "127.0.0.1:9092");

    @Test
    void producerSettingsOverrideTheProjectsChoiceForProducers() {
        Map<String, Object> props = connection.producerProperties(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all"));

        assertEquals("none", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("shared", props.get(CommonClientConfigs.CLIENT_ID_CONFIG));
        assertEquals("127.0.0.1:9092", props.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    @Test
    void producerSettingsStayOutOfOtherClients() {
        Map<String, Object> props = connection.clientProperties(Map.of());

        assertFalse(props.containsKey(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("shared", props.get(CommonClientConfigs.CLIENT_ID_CONFIG));
    }

    @Test
    void specificSettingsWinOverSharedClientSettings() {
        assertEquals("mine", connection.clientProperties(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "mine"))
                .get(CommonClientConfigs.CLIENT_ID_CONFIG));
    }
}
