package org.vmastream.runtime.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The values of one {@link SettingsSection}'s keys, parsed and validated by its definition, for
 * building typed configuration records. Every accessor names a key the definition declares.
 */
public final class ParsedSettings {
    private final Map<String, Object> values;

    ParsedSettings(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    private Object value(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException(
                    key + " is not declared by the definition these settings were parsed with");
        }
        return values.get(key);
    }

    public int integer(String key) {
        return (Integer) value(key);
    }

    public long longValue(String key) {
        return (Long) value(key);
    }

    public double decimal(String key) {
        return (Double) value(key);
    }

    public boolean bool(String key) {
        return (Boolean) value(key);
    }

    /** The value, trimmed. */
    public String string(String key) {
        return ((String) value(key)).trim();
    }

    /** The value, or empty when it is blank. */
    public Optional<String> optional(String key) {
        String value = string(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A path, or empty when the value is blank. */
    public Optional<Path> path(String key) {
        return optional(key).map(Path::of);
    }

    /** A duration given in milliseconds. */
    public Duration millis(String key) {
        return Duration.ofMillis(longValue(key));
    }

    /** An enum constant; the definition's validator has checked the name, case-insensitively. */
    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        return Enum.valueOf(type, string(key).toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
