package org.vmastream.launcher.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.runtime.settings.SettingsSection;

/**
 * The generated settings files match the definitions. Run with {@code -Dvma.regenerate=true}
 * ({@code mvn -pl launcher test -Dtest=ConfigurationReferenceTest -Dvma.regenerate=true}) to write them.
 */
class ConfigurationReferenceTest {
    private static final Path DEFAULTS = Path.of("../runtime/src/main/resources/vma-defaults.properties");
    private static final Path REFERENCE = Path.of("../docs/configuration.md");

    @Test
    void shouldFindTheCheckedInDefaultsAndReferenceAsTheDefinitionsGenerateThem() throws IOException {
        if (Boolean.getBoolean("vma.regenerate")) {
            Files.writeString(DEFAULTS, ConfigurationReference.properties(), StandardCharsets.UTF_8);
            Files.writeString(REFERENCE, ConfigurationReference.markdown(), StandardCharsets.UTF_8);
        }
        String hint =
                "stale: regenerate with mvn -pl launcher test -Dtest=ConfigurationReferenceTest -Dvma.regenerate=true";
        assertThat(Files.readString(DEFAULTS)).as(DEFAULTS + " " + hint).isEqualTo(ConfigurationReference.properties());
        assertThat(Files.readString(REFERENCE)).as(REFERENCE + " " + hint).isEqualTo(ConfigurationReference.markdown());
    }

    @Test
    void shouldDeclareEveryKeyOnceAndParseEveryDefault() throws IOException {
        Set<String> seen = new HashSet<>();
        Settings defaults = Settings.load(null, Map.of(), Map.of());
        for (SettingsSection section : ConfigurationReference.SECTIONS) {
            for (String key : section.definition().names()) {
                assertThat(seen.add(key)).as("%s declared once", key).isTrue();
            }
            defaults.parse(section.definition());
        }
        Properties loaded = new Properties();
        loaded.load(Files.newBufferedReader(DEFAULTS));
        assertThat(loaded.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(seen);
    }

    @Test
    void shouldNameTheKeyAndTheRuleWhenAValueIsOutOfRange() {
        Map<String, String> overrides = new HashMap<>(Map.of("scorer.max.batch", "0"));
        Settings settings = Settings.load(null, Map.of(), overrides);
        ConfigDef scoring = org.vmastream.scorer.ScorerSettings.SCORING.definition();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.parse(scoring))
                .hasMessageContaining("scorer.max.batch")
                .hasMessageContaining("VMA_SCORER_MAX_BATCH")
                .hasMessageContaining("at least 1");
    }
}
