package org.vmastream.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Versions of the launcher and of ND4J, taken from the build (a Maven-filtered resource) so that
 * {@code vma --version} and checkpoint provenance never disagree with the pom.
 */
public final class LauncherVersion implements IVersionProvider {
    private static final Properties VERSIONS = load();

    /** The launcher's (project) version. */
    public static String launcher() {
        return VERSIONS.getProperty("launcher.version");
    }

    /** The ND4J version the launcher was built against. */
    public static String nd4j() {
        return VERSIONS.getProperty("nd4j.version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"vma " + launcher(), "ND4J " + nd4j(), "Java " + System.getProperty("java.version")};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = LauncherVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the launcher jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read version.properties", e);
        }
        return properties;
    }
}
