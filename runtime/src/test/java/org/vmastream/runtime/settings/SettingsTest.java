package org.vmastream.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void environmentOverridesFileOverridesDefaults() throws Exception {
        Path file = dir.resolve("vma.properties");
        Files.writeString(file, "scorer.max.batch=64\nscorer.samples=8\n");
        Settings settings = Settings.load(file, Map.of("VMA_SCORER_SAMPLES", "16"), Map.of());
        assertThat(settings.integer("scorer.max.batch")).isEqualTo(64);
        assertThat(settings.integer("scorer.samples")).isEqualTo(16);
        assertThat(settings.integer("scorer.top.k")).isEqualTo(5);
    }

    @Test
    void explicitOverridesWinOverTheEnvironment() {
        Settings settings = Settings.load(null, Map.of("VMA_SCORER_SAMPLES", "16"), Map.of("scorer.samples", "2"));
        assertThat(settings.integer("scorer.samples")).isEqualTo(2);
    }

    @Test
    void badValuesAndUnknownKeysNameTheKeyAndTheVariable() {
        Settings settings = Settings.load(null, Map.of("VMA_SCORER_MAX_BATCH", "many"), Map.of());
        assertThatThrownBy(() -> settings.integer("scorer.max.batch"))
                .hasMessageContaining("scorer.max.batch")
                .hasMessageContaining("VMA_SCORER_MAX_BATCH")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> settings.string("scorer.maxbatch")).hasMessageContaining("not a known setting");
        assertThatThrownBy(() -> settings.with(Map.of("memory.eviction", "lru"))
                        .choice("memory.eviction", java.util.concurrent.TimeUnit.class))
                .hasMessageContaining("must be one of");
    }

    @Test
    void clientPassThroughKeepsThePrefixedKeys() {
        Settings settings = Settings.load(null, Map.of(), Map.of("kafka.client.security.protocol", "SSL"));
        assertThat(settings.withPrefix("kafka.client.")).containsEntry("security.protocol", "SSL");
    }
}
