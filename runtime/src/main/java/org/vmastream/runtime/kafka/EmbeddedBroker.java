package org.vmastream.runtime.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.runtime.settings.Directories;
import org.vmastream.schemas.topics.Topics;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) in this JVM, listening on
 * 127.0.0.1 on free ports (the same ports again when it restarts in the same directory, so clients
 * reconnect by themselves), with its data under a work directory. It is the default when no
 * {@code kafka.bootstrap.servers} is configured, and the broker of the integration tests.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int NODE_ID = 1;
    /** Where a broker notes its ports, for the next broker in the same directory. */
    private static final String PORTS_FILE = "ports";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path directory;

    private EmbeddedBroker(KafkaRaftServer server, String bootstrapServers, Path directory) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.directory = directory;
    }

    /**
     * Formats (if needed) and starts a broker, and waits until it answers.
     *
     * @param directory work directory; created if missing
     * @param fresh     delete whatever an earlier broker left in {@code directory} first
     */
    public static EmbeddedBroker start(Path directory, boolean fresh) {
        return start(directory, fresh, Map.of());
    }

    /**
     * Formats (if needed) and starts a broker with some of its settings replaced, and waits until it answers.
     *
     * @param directory work directory; created if missing
     * @param fresh     delete whatever an earlier broker left in {@code directory} first
     * @param overrides broker settings (e.g. {@code num.io.threads}) that win over the embedded defaults
     */
    public static EmbeddedBroker start(Path directory, boolean fresh, Map<String, String> overrides) {
        return start(directory, fresh, overrides, Optional.empty());
    }

    /**
     * Starts a broker whose client listener requires SASL/SCRAM-SHA-512 over TLS
     * ({@link ScramOverTls#clientSettings} reach it), as production brokers often do.
     */
    public static EmbeddedBroker startSecured(Path directory, boolean fresh, ScramOverTls security) {
        return start(directory, fresh, Map.of(), Optional.of(security));
    }

    private static EmbeddedBroker start(
            Path directory, boolean fresh, Map<String, String> overrides, Optional<ScramOverTls> security) {
        try {
            if (fresh) {
                Directories.deleteRecursively(directory);
            }
            Path logs = Files.createDirectories(directory.resolve("logs"));
            int[] ports = ports(directory);
            int brokerPort = ports[0];
            int controllerPort = ports[1];
            Map<String, Object> props = properties(logs, brokerPort, controllerPort);
            security.ifPresent(secured -> props.putAll(secured.brokerSettings(brokerPort, controllerPort)));
            props.putAll(overrides);
            format(logs, security.map(ScramOverTls::scramArgument));
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            EmbeddedBroker broker = new EmbeddedBroker(server, bootstrap, directory);
            broker.awaitReady(security.map(ScramOverTls::clientSettings).orElse(Map.of()));
            Files.writeString(directory.resolve(PORTS_FILE), brokerPort + " " + controllerPort + "\n");
            LOG.info("embedded Kafka broker listening on {} (data in {})", bootstrap, directory.toAbsolutePath());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded broker's directory " + directory, e);
        }
    }

    /** host:port of the broker's client listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path directory() {
        return directory;
    }

    /** Stops the broker and waits for it (the data stays in the directory). */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Map<String, Object> properties(Path logs, int brokerPort, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logs.toAbsolutePath().toString());
        props.put("metadata.log.dir", logs.toAbsolutePath().toString());
        // One node: every internal topic has one replica, and few partitions start faster.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "2");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "2");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A transaction that starts while the one before still writes its markers is checked again after
        // this long (default 20 ms, two commit intervals of the scorer's), and for up to the second
        // setting before the producer is told CONCURRENT_TRANSACTIONS (default 100 ms). Told, it retries,
        // and its next batch in flight is refused out of sequence: retried too, nothing lost, but ERROR
        // lines in the log.
        props.put("add.partitions.to.txn.retry.backoff.ms", "1");
        props.put("add.partitions.to.txn.retry.backoff.max.ms", "5000");
        props.put("auto.create.topics.enable", "false");
        // The cleaner's default 128 MB dedupe buffer does not fit the small heaps of tests and demos.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
        // Model checkpoints and dead letters of them exceed the 1 MB default.
        props.put("message.max.bytes", Integer.toString(Topics.DEAD_LETTERS_MAX_RECORD_BYTES));
        props.put("replica.fetch.max.bytes", Integer.toString(Topics.DEAD_LETTERS_MAX_RECORD_BYTES));
        return props;
    }

    /**
     * Formats the storage with transactions at version 2 (KIP-890): a producer no longer asks the
     * coordinator to add each partition and the consumer group to a transaction; the broker checks
     * the partition itself on the first write and retries that check on its own backoff, which
     * {@link #properties} shortens. With version 1, a transaction that began while the one before was
     * still writing its markers was refused (CONCURRENT_TRANSACTIONS) and the client waited a fixed
     * 20 ms before trying again, which at the scorer's commit interval happened for most transactions
     * (docs/performance.md#why-the-code-is-written-as-it-is).
     */
    private static void format(Path logs, Optional<String> scramUser) {
        if (Files.exists(logs.resolve("meta.properties"))) {
            // Formatted by an earlier broker: formatting again would give it another cluster id, which Kafka refuses.
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .addDirectory(logs.toAbsolutePath().toString())
                    .setMetadataLogDirectory(logs.toAbsolutePath().toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setFeatureLevel("transaction.version", (short) 2)
                    .setControllerListenerName("CONTROLLER")
                    .setScramArguments(scramUser.map(List::of).orElse(List.of()))
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "cannot format the embedded broker's storage in " + logs + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Map<String, String> clientSettings) {
        Map<String, Object> props = new HashMap<>(clientSettings);
        props.put("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the embedded broker did not become ready: " + e.getMessage(), e);
        }
    }

    /**
     * The ports a broker used before in {@code directory}, so that a restarted broker keeps its address
     * and its clients reconnect by themselves; free ports for a new directory.
     */
    private static int[] ports(Path directory) throws IOException {
        Path file = directory.resolve(PORTS_FILE);
        if (Files.exists(file)) {
            String[] saved = Files.readString(file).trim().split(" ");
            if (saved.length == 2) {
                return new int[] {Integer.parseInt(saved[0]), Integer.parseInt(saved[1])};
            }
        }
        return new int[] {freePort(), freePort()};
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
