package org.vmastream.launcher.stream;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmastream.runtime.settings.Settings;
import picocli.CommandLine.Option;

/**
 * The options every streaming role shares: a settings file, the brokers, and single-setting
 * overrides. Every key is documented in {@code vma-defaults.properties}.
 */
public final class SettingsOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file of settings (see runtime/src/main/resources/vma-defaults.properties).")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT,...",
            description =
                    "Kafka brokers; without them (and without kafka.bootstrap.servers) an in-process broker is started.")
    String bootstrapServers;

    @Option(
            names = {"-s", "--set"},
            paramLabel = "KEY=VALUE",
            mapFallbackValue = "",
            description = "Override one setting, e.g. -s scorer.max.batch=256 (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Built-in defaults < {@code commandDefaults} < file < environment < these options. */
    public Settings load(Map<String, String> commandDefaults) {
        Map<String, String> explicit = new HashMap<>(overrides);
        if (bootstrapServers != null) {
            explicit.put("kafka.bootstrap.servers", bootstrapServers);
        }
        return Settings.load(commandDefaults, config, System.getenv(), explicit);
    }
}
