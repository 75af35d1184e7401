package org.vmastream.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.vmastream.runtime.kafka.KafkaConnection;
import org.vmastream.runtime.settings.Settings;

class ScorerServicePropertiesTest {
    private static Properties properties(Map<String, String> overrides) {
        Settings settings = Settings.load(null, Map.of(), overrides);
        return ScorerService.streamsProperties(settings, KafkaConnection.from(settings, "127.0.0.1:9092"));
    }

    @Test
    void scorerProducersCompressWithLz4ByDefault() {
        assertThat(properties(Map.of()).get(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG)))
                .isEqualTo("lz4");
    }

    @Test
    void producerPassThroughReachesTheStreamsProducers() {
        Properties props =
                properties(Map.of("kafka.producer.compression.type", "none", "kafka.producer.linger.ms", "1"));

        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG)))
                .isEqualTo("none");
        assertThat(props.get(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG)))
                .isEqualTo("1");
    }

    @Test
    void commitIntervalAndGuaranteeComeFromTheSettings() {
        Properties props = properties(Map.of("streams.commit.interval.ms", "20"));

        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20L);
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    }

    @Test
    void aGroupInstanceIdMakesEveryStreamThreadAStaticMember() {
        Properties props = properties(Map.of(
                "streams.group.instance.id",
                "scorer-a",
                "streams.session.timeout.ms",
                "20000",
                "streams.num.stream.threads",
                "2"));

        StreamsConfig config = new StreamsConfig(props);
        Map<String, Object> second = config.getMainConsumerConfigs("vma-scorer", "client", 1);
        assertThat(second.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("scorer-a-1");
        assertThat(second.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)).isEqualTo(20000);
    }

    @Test
    void membershipIsDynamicWithoutAGroupInstanceId() {
        StreamsConfig config = new StreamsConfig(properties(Map.of()));

        assertThat(config.getMainConsumerConfigs("vma-scorer", "client", 0)
                        .get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .isNull();
    }
}
