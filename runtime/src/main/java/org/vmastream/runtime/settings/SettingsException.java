package org.vmastream.runtime.settings;

/** A setting with a missing or malformed value; the message names the key and the environment variable. */
public final class SettingsException extends IllegalArgumentException {
    public SettingsException(String key, String value, String problem) {
        super("setting " + key + " (env " + Settings.environmentName(key) + ")"
                + (value == null ? " " : " = '" + value + "' ") + problem);
    }
}
