package org.vmastream.runtime.kafka;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;

/**
 * The Kafka a role talks to: the configured brokers, or, when none are configured, a broker
 * started in this process (the embedded default). The project's topics exist once this returns.
 */
public final class KafkaRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRuntime.class);

    private final EmbeddedBroker embedded;
    private final KafkaConnection connection;
    private final TopicNames topics;

    private KafkaRuntime(EmbeddedBroker embedded, KafkaConnection connection, TopicNames topics) {
        this.embedded = embedded;
        this.connection = connection;
        this.topics = topics;
    }

    /** Connects to the configured brokers, or starts the embedded one, and creates the project's topics. */
    public static KafkaRuntime open(Settings settings) {
        EmbeddedBroker embedded = null;
        if (settings.optional(RuntimeSettings.BOOTSTRAP_SERVERS).isEmpty()) {
            Path dir = Path.of(settings.string(RuntimeSettings.EMBEDDED_DIR));
            LOG.info(
                    "no kafka.bootstrap.servers configured: starting an in-process broker in {}", dir.toAbsolutePath());
            embedded = EmbeddedBroker.start(
                    dir, settings.bool(RuntimeSettings.EMBEDDED_FRESH), settings.withPrefix("kafka.embedded.broker."));
        }
        KafkaConnection connection =
                KafkaConnection.from(settings, embedded == null ? null : embedded.bootstrapServers());
        TopicNames topics = TopicNames.from(settings);
        TopicCreator.ensure(connection, topics);
        return new KafkaRuntime(embedded, connection, topics);
    }

    /** How clients reach the brokers. */
    public KafkaConnection connection() {
        return connection;
    }

    /** The project's topics, created. */
    public TopicNames topics() {
        return topics;
    }

    /** Whether the broker runs in this process. */
    public boolean embedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
