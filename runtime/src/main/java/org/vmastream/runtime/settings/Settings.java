package org.vmastream.runtime.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Flat key/value settings with a fixed precedence: environment variables over a properties file
 * over the built-in defaults ({@code vma-defaults.properties}, which documents every key). A key
 * {@code scorer.max.batch} is overridden by the environment variable {@code VMA_SCORER_MAX_BATCH}.
 * Typed configuration records ({@code ScorerConfig}, ...) read their fields from here, so a wrong
 * value fails at start-up with the key and the offending text.
 */
public final class Settings {
    /** Classpath resource with every key, its default and its documentation. */
    public static final String DEFAULTS_RESOURCE = "/vma-defaults.properties";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The defaults, overlaid by {@code file} (if not null) and then by the environment. */
    public static Settings load(Path file) {
        return load(file, System.getenv(), Map.of());
    }

    /**
     * @param file       a properties file, or null
     * @param env        environment variables (VMA_*)
     * @param overrides  highest-precedence values, e.g. from command-line options
     */
    public static Settings load(Path file, Map<String, String> env, Map<String, String> overrides) {
        return load(Map.of(), file, env, overrides);
    }

    /**
     * As {@link #load(Path, Map, Map)}, with a command's own defaults between the built-in defaults
     * and the file (e.g. the demo's smaller memory).
     */
    public static Settings load(
            Map<String, String> commandDefaults, Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(readDefaults());
        merged.putAll(commandDefaults);
        if (file != null) {
            merged.putAll(readFile(file));
        }
        for (String key : Map.copyOf(merged).keySet()) {
            String fromEnv = env.get(environmentName(key));
            if (fromEnv != null) {
                merged.put(key, fromEnv);
            }
        }
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** The environment variable that overrides {@code key}. */
    public static String environmentName(String key) {
        return "VMA_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** These settings with some values replaced. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** The value of a documented key; fails for keys the defaults do not know (typos). */
    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new SettingsException(key, null, "is not a known setting (see " + DEFAULTS_RESOURCE + ")");
        }
        return value.trim();
    }

    /** The value, or empty when it is blank. */
    public Optional<String> optional(String key) {
        String value = string(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new SettingsException(key, string(key), "is not an integer");
        }
    }

    public int positiveInteger(String key) {
        int value = integer(key);
        if (value < 1) {
            throw new SettingsException(key, string(key), "must be at least 1");
        }
        return value;
    }

    public long longValue(String key) {
        try {
            return Long.parseLong(string(key));
        } catch (NumberFormatException e) {
            throw new SettingsException(key, string(key), "is not an integer");
        }
    }

    public double decimal(String key) {
        try {
            return Double.parseDouble(string(key));
        } catch (NumberFormatException e) {
            throw new SettingsException(key, string(key), "is not a number");
        }
    }

    public boolean bool(String key) {
        String value = string(key).toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new SettingsException(key, string(key), "must be true or false");
        }
        return Boolean.parseBoolean(value);
    }

    /** A duration in milliseconds. */
    public Duration millis(String key) {
        long value = longValue(key);
        if (value < 0) {
            throw new SettingsException(key, string(key), "must not be negative");
        }
        return Duration.ofMillis(value);
    }

    /** An enum constant, case-insensitive. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        try {
            return Enum.valueOf(type, string(key).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(
                    key, string(key), "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * The values of the keys {@code definition} declares, converted to their types and checked by
     * their validators.
     *
     * @throws SettingsException naming the first key whose value is malformed or out of range
     */
    public ParsedSettings parse(ConfigDef definition) {
        Map<String, Object> parsed = new HashMap<>();
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            String text = string(key.name);
            try {
                Object value = ConfigDef.parseType(key.name, text, key.type);
                if (key.validator != null) {
                    key.validator.ensureValid(key.name, value);
                }
                parsed.put(key.name, value);
            } catch (ConfigException e) {
                throw new SettingsException(key.name, text, "is invalid: " + e.getMessage());
            }
        }
        return new ParsedSettings(parsed);
    }

    /** Every key under {@code prefix} (prefix removed), e.g. Kafka client pass-through settings. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && !value.isBlank()) {
                out.put(key.substring(prefix.length()), value.trim());
            }
        });
        return out;
    }

    /** All values, sorted by key (for logging the effective configuration). */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = Settings.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(properties);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return toMap(properties);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> out = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> out.put(name, properties.getProperty(name)));
        return out;
    }
}
