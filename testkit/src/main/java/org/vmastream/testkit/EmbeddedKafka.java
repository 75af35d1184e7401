package org.vmastream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vmastream.runtime.kafka.EmbeddedBroker;
import org.vmastream.runtime.kafka.KafkaConnection;

/**
 * A real single-node KRaft broker for one test class, in a fresh temporary directory that is
 * deleted afterwards. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmbeddedKafka KAFKA = new EmbeddedKafka();
 * </pre>
 *
 * Tests share the broker, so each should use topics of its own (for example a prefix per test).
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedBroker broker;
    private KafkaConnection connection;
    private Path directory;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("vma-test-kafka-");
        broker = EmbeddedBroker.start(directory.resolve("kafka"), true);
        connection = new KafkaConnection(broker.bootstrapServers(), Map.of());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            delete(directory);
        }
    }

    /** The broker's {@code host:port}. */
    public String bootstrapServers() {
        return running().bootstrapServers();
    }

    /** A connection to the broker with no extra client settings. */
    public KafkaConnection connection() {
        running();
        return connection;
    }

    /** The broker itself, e.g. to stop it in a test of what clients do without one. */
    public EmbeddedBroker broker() {
        return running();
    }

    private EmbeddedBroker running() {
        if (broker == null) {
            throw new IllegalStateException("the embedded broker runs only inside the test class that registers it"
                    + " (as a static @RegisterExtension field)");
        }
        return broker;
    }

    private static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
