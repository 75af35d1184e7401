package org.vmastream.launcher.settings;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.vmastream.memory.MemorySettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.SettingsSection;
import org.vmastream.scorer.ScorerSettings;
import org.vmastream.trainer.TrainerSettings;

/**
 * Writes the two files generated from the settings' definitions: the defaults every role loads
 * ({@code vma-defaults.properties}) and the configuration reference ({@code docs/configuration.md}).
 */
final class ConfigurationReference {
    /** Every module's settings, in the order they are documented. */
    static final List<SettingsSection> SECTIONS = List.of(
            RuntimeSettings.KAFKA,
            RuntimeSettings.SHARED,
            MemorySettings.SECTION,
            RuntimeSettings.HTTP,
            ScorerSettings.STREAMS,
            ScorerSettings.SCORING,
            TrainerSettings.SECTION);

    private static final int WIDTH = 100;

    private ConfigurationReference() {}

    static String properties() {
        StringBuilder out = new StringBuilder();
        out.append("# vma-stream settings: every key, its default and what it does. Generated from the settings'\n")
                .append(
                        "# definitions (RuntimeSettings, MemorySettings, ScorerSettings, TrainerSettings): edit those, then\n")
                .append(
                        "# regenerate (docs/development.md). The reference with types and valid values: docs/configuration.md.\n")
                .append(
                        "# Precedence: command-line options > environment (key scorer.max.batch -> VMA_SCORER_MAX_BATCH)\n")
                .append("#             > the file given with --config > these defaults.\n");
        for (SettingsSection section : SECTIONS) {
            out.append("\n## ").append(section.title()).append('\n');
            for (String note : section.notes()) {
                wrap(out, note, "# ");
            }
            for (ConfigDef.ConfigKey key : section.definition().configKeys().values()) {
                wrap(out, key.documentation, "# ");
                out.append(key.name).append('=').append(text(key)).append('\n');
            }
        }
        return out.toString();
    }

    static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("""
                # Configuration

                <!-- Generated from the settings' definitions by ConfigurationReferenceTest: edit the definitions
                (RuntimeSettings, MemorySettings, ScorerSettings, TrainerSettings) and regenerate, not this file. -->

                Every setting is declared once, with Kafka's `ConfigDef`, in the module that reads it. The defaults
                file every role loads, `runtime/src/main/resources/vma-defaults.properties`, and this page are
                generated from those declarations, and a test fails when either is stale.

                ## Precedence

                Precedence, lowest first: the defaults below, a command's own defaults (the demo's smaller memory
                and own directories), a properties file given with `--config FILE`, environment variables (key
                `scorer.max.batch` → `VMA_SCORER_MAX_BATCH`), and `-s key=value` options. A malformed or
                out-of-range value stops the role at start with the key, the variable, the text and the rule it
                broke; an unknown key is refused. The typed records (`MemoryStoreConfig`, `ScorerConfig`,
                `AnomalyPolicy`, `TruncationPolicy`, `TrainerConfig`, `HttpConfig`, `TopicNames`) are built from
                the parsed values.

                Importance says where to look first: *high* settings decide what a deployment does (brokers,
                guarantees, memory size, the flag's target rate), *low* ones rarely need changing.
                """);
        for (SettingsSection section : SECTIONS) {
            out.append("\n## ").append(section.title()).append("\n\n");
            for (String note : section.notes()) {
                out.append("- ")
                        .append(note.replaceFirst("^([\\w.*]+):", "`$1`:"))
                        .append('\n');
            }
            if (!section.notes().isEmpty()) {
                out.append('\n');
            }
            out.append(
                    "| setting | default | valid values | importance | meaning |\n| --- | --- | --- | --- | --- |\n");
            for (ConfigDef.ConfigKey key : section.definition().configKeys().values()) {
                String text = text(key);
                out.append("| `")
                        .append(key.name)
                        .append("` | ")
                        .append(text.isEmpty() ? "empty" : "`" + text + "`")
                        .append(" | ")
                        .append(valid(key))
                        .append(" | ")
                        .append(key.importance.name().toLowerCase())
                        .append(" | ")
                        .append(key.documentation.replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        out.append("""

                ## The ND4J build

                One setting is read before anything else starts, so it is not among the keys above: the ND4J CPU
                build, from the environment variable `VMA_NATIVE_BUILD` (or `-Dvma.native.build`): `auto` (the
                default: oneDNN + AVX-512 where the processor has the Skylake-server AVX-512 subsets, else oneDNN +
                AVX2 where it has AVX2 and FMA, else the portable build), `portable`, `onednn-avx2` or
                `onednn-avx512`. Naming a build the processor cannot run stops the launcher with the missing flags.
                `bench` and `omniglot bench` record the build used.

                What the defaults of `streams.commit.interval.ms`, `scorer.max.wait.ms`, `scorer.compute.threads`
                and the JVM and BLAS thread options were measured against is in [performance.md](performance.md);
                sizing a scorer is in [operations.md](operations.md#sizing-and-tuning).
                """);
        return out.toString();
    }

    private static String text(ConfigDef.ConfigKey key) {
        return ConfigDef.convertToString(key.defaultValue, key.type);
    }

    private static String valid(ConfigDef.ConfigKey key) {
        String type = key.type.name().toLowerCase();
        return key.validator == null
                ? type
                : type + " " + key.validator.toString().replace("|", "\\|");
    }

    private static void wrap(StringBuilder out, String text, String prefix) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        lines.forEach(l -> out.append(l).append('\n'));
    }
}
