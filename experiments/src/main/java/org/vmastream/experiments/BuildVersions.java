package org.vmastream.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions of the project and of ND4J, taken from the build (a Maven-filtered resource) so that
 * {@code vma --version} and a run's provenance never disagree with the pom.
 */
public final class BuildVersions {
    private static final Properties VERSIONS = load();

    private BuildVersions() {}

    /** The project's version. */
    public static String project() {
        return VERSIONS.getProperty("project.version");
    }

    /** The ND4J version the project was built against. */
    public static String nd4j() {
        return VERSIONS.getProperty("nd4j.version");
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the experiments jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read version.properties", e);
        }
        return properties;
    }
}
