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
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientSettings) {
    public KafkaConnection {
        clientSettings = Map.copyOf(clientSettings);
    }

    /** The connection to the configured brokers, or to {@code embedded} when none are configured. */
    public static KafkaConnection from(Settings settings, String embeddedBootstrap) {
        String servers = settings.optional("kafka.bootstrap.servers").orElse(embeddedBootstrap);
        return new KafkaConnection(servers, settings.withPrefix("kafka.client."));
    }

    /** Client properties: the shared settings, the bootstrap servers and then {@code specific}. */
    public Map<String, Object> clientProperties(Map<String, ?> specific) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(specific);
        return props;
    }
}
