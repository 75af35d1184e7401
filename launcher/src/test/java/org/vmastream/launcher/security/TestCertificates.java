package org.vmastream.launcher.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vmastream.runtime.kafka.ScramOverTls;

/**
 * A CA and a broker certificate for 127.0.0.1 signed by it, made with the JDK's keytool: what an
 * operator does once for a cluster, done here per test.
 */
final class TestCertificates {
    private static final String PASSWORD = "test-store-pass";

    private TestCertificates() {}

    /** Creates the stores in {@code dir} and returns the broker security for {@code user}. */
    static ScramOverTls create(Path dir, String user, String password) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path broker = dir.resolve("broker.p12");
        Path csr = dir.resolve("broker.csr");
        Path signed = dir.resolve("broker.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-dname",
                "CN=vma-test-ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-ext",
                "bc:c",
                "-keystore",
                ca.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "ca",
                "-rfc",
                "-file",
                caPem.toString(),
                "-keystore",
                ca.toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-dname",
                "CN=127.0.0.1",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-keystore",
                broker.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-certreq",
                "-alias",
                "broker",
                "-file",
                csr.toString(),
                "-keystore",
                broker.toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-infile",
                csr.toString(),
                "-outfile",
                signed.toString(),
                "-rfc",
                "-validity",
                "2",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-importcert",
                "-alias",
                "ca",
                "-file",
                caPem.toString(),
                "-noprompt",
                "-keystore",
                broker.toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-importcert",
                "-alias",
                "broker",
                "-file",
                signed.toString(),
                "-keystore",
                broker.toString(),
                "-storepass",
                PASSWORD);
        return new ScramOverTls(user, password, broker, PASSWORD, caPem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
