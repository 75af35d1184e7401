package org.vmastream.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.mnist.MnistFetcher;
import org.vmastream.experiments.data.MnistData;
import org.vmastream.launcher.CommandRun;
import org.vmastream.runtime.kafka.EmbeddedBroker;
import org.vmastream.runtime.kafka.ScramOverTls;

/**
 * Every role (ingest, memory store and scorer, trainer) against a broker that requires
 * SASL/SCRAM-SHA-512 over TLS, configured through {@code kafka.client.*} settings alone.
 */
@Tag("integration")
class SecuredBrokerTest {
    @TempDir
    Path dir;

    @Test
    void everyRoleWorksThroughScramOverTlsWithClientSettingsAlone() throws Exception {
        assumeTrue(new MnistFetcher(MnistFetcher.defaultCacheDir()).filesPresent(), "Skipped: MNIST is not cached");
        ScramOverTls security =
                TestCertificates.create(Files.createDirectories(dir.resolve("tls")), "vma", "scram-secret");
        try (EmbeddedBroker broker = EmbeddedBroker.startSecured(dir.resolve("kafka"), true, security)) {
            assertRefused(
                    broker,
                    Map.of(
                            "security.protocol",
                            "SSL",
                            "ssl.truststore.type",
                            "PEM",
                            "ssl.truststore.location",
                            security.caCertificate().toString()));
            Map<String, String> wrongPassword = new HashMap<>(security.clientSettings());
            wrongPassword.put(
                    "sasl.jaas.config", wrongPassword.get("sasl.jaas.config").replace("scram-secret", "guess"));
            assertThatThrownBy(() -> describe(broker, wrongPassword))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);

            List<String> args = new ArrayList<>(List.of(
                    "demo",
                    "--seconds",
                    "25",
                    "--report-seconds",
                    "5",
                    "--exemplars",
                    "500",
                    "--event-rate",
                    "50",
                    "-s",
                    "kafka.bootstrap.servers=" + broker.bootstrapServers(),
                    "-s",
                    "streams.state.dir=" + dir.resolve("state"),
                    "-s",
                    "trainer.memory.size=32",
                    "-s",
                    "trainer.publish.steps=10",
                    "-s",
                    "trainer.publish.interval.ms=5000"));
            security.clientSettings()
                    .forEach((key, value) -> args.addAll(List.of("-s", "kafka.client." + key + "=" + value)));
            CommandRun run = CommandRun.of(MnistData::new, args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.err()).isZero();
            Matcher sent =
                    Pattern.compile("sent (\\d+) exemplars and (\\d+) events").matcher(run.out());
            assertThat(sent.find()).as(run.out()).isTrue();
            assertThat(Long.parseLong(sent.group(1))).isEqualTo(500);
            Matcher versions =
                    Pattern.compile("scores per model version: \\{(.*)}").matcher(run.out());
            assertThat(versions.find()).as(run.out()).isTrue();
            // The trainer published through the secured broker and the scorer read its versions.
            assertThat(versions.group(1)).matches(".*\\d+=\\d+.*");
        }
    }

    private static void assertRefused(EmbeddedBroker broker, Map<String, String> settings) {
        assertThatThrownBy(() -> describe(broker, settings)).isInstanceOf(Exception.class);
    }

    private static void describe(EmbeddedBroker broker, Map<String, String> settings) throws Exception {
        Map<String, Object> props = new HashMap<>(settings);
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("request.timeout.ms", 5000);
        props.put("default.api.timeout.ms", 8000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }
}
