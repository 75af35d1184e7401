package org.vmastream.runtime.kafka;

import java.nio.file.Path;
import java.util.Map;

/**
 * SASL/SCRAM-SHA-512 over TLS for an {@link EmbeddedBroker}'s client listener: the one user the
 * broker knows, the broker's key store and the CA that signed its certificate.
 *
 * @param user             SCRAM user name (also the broker's own, for its inter-broker connections)
 * @param password         SCRAM password
 * @param keyStore         PKCS12 key store holding the broker's key and certificate (for 127.0.0.1)
 * @param keyStorePassword password of the key store and its key
 * @param caCertificate    PEM file of the CA that signed the broker's certificate
 */
public record ScramOverTls(String user, String password, Path keyStore, String keyStorePassword, Path caCertificate) {
    static final String LISTENER = "SASL_SSL";
    static final String MECHANISM = "SCRAM-SHA-512";

    /** The client settings that reach this broker; every role takes them as {@code kafka.client.*}. */
    public Map<String, String> clientSettings() {
        return Map.of(
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                MECHANISM,
                "sasl.jaas.config",
                jaas(),
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                caCertificate.toAbsolutePath().toString());
    }

    String jaas() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    /** The broker settings for a client listener on {@code port} (the controller keeps its own listener). */
    Map<String, Object> brokerSettings(int port, int controllerPort) {
        String prefix = "listener.name." + LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        return Map.ofEntries(
                Map.entry("listeners", LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", LISTENER + "://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map", LISTENER + ":SASL_SSL,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", LISTENER),
                Map.entry("sasl.enabled.mechanisms", MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", MECHANISM),
                Map.entry(prefix + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config", jaas()),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.keystore.location", keyStore.toAbsolutePath().toString()),
                Map.entry("ssl.keystore.password", keyStorePassword),
                Map.entry("ssl.key.password", keyStorePassword),
                Map.entry("ssl.truststore.type", "PEM"),
                Map.entry(
                        "ssl.truststore.location",
                        caCertificate.toAbsolutePath().toString()));
    }

    /** The formatter's argument that creates the user's credential in the cluster metadata. */
    String scramArgument() {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }
}
