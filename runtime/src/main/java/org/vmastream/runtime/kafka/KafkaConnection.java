package org.vmastream.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.vmastream.runtime.settings.Settings;

/**
 * Where the brokers are and the client settings every role shares.
 *
 * @param bootstrapServers host:port list
 * @param clientSettings   pass-through client settings (security, DNS...), applied to every client
 * @param producerSettings pass-through producer settings (compression, linger...), applied to every
 *                         producer after the project's own choices, so that they win
 */
public record KafkaConnection(
        String bootstrapServers, Map<String, String> clientSettings, Map<String, String> producerSettings) {
    public KafkaConnection {
        clientSettings = Map.copyOf(clientSettings);
        producerSettings = Map.copyOf(producerSettings);
    }

    /** A connection with shared client settings and no producer overrides. */
    public KafkaConnection(String bootstrapServers, Map<String, String> clientSettings) {
        this(bootstrapServers, clientSettings, Map.of());
    }

    /** The connection to the configured brokers, or to {@code embedded} when none are configured. */
    public static KafkaConnection from(Settings settings, String embeddedBootstrap) {
        String servers = settings.optional("kafka.bootstrap.servers").orElse(embeddedBootstrap);
        return new KafkaConnection(
                servers, settings.withPrefix("kafka.client."), settings.withPrefix("kafka.producer."));
    }

    /** Client properties: the shared settings, the bootstrap servers and then {@code specific}. */
    public Map<String, Object> clientProperties(Map<String, ?> specific) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(specific);
        return props;
    }

    /** Producer properties: {@link #clientProperties} of {@code specific}, then the producer overrides. */
    public Map<String, Object> producerProperties(Map<String, ?> specific) {
        Map<String, Object> props = clientProperties(specific);
        props.putAll(producerSettings);
        return props;
    }
}
