package org.vmastream.runtime.settings;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;

/**
 * One module's settings, declared once: each key's type, default, validator, importance and doc in
 * a Kafka {@link ConfigDef}. The defaults file and the configuration reference are generated from
 * the sections, and the typed configuration records read their values through
 * {@link Settings#parse(ConfigDef)}.
 *
 * @param title      the heading the keys are listed under
 * @param definition the keys, in the order they are documented
 * @param notes      lines about settings that are not single keys (prefixes passed through to Kafka)
 */
public record SettingsSection(String title, ConfigDef definition, List<String> notes) {
    public SettingsSection {
        notes = List.copyOf(notes);
    }
}
