package org.vmastream.memory;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.vmastream.runtime.settings.SettingsSection;

/** The memory store's settings (Kafka Streams state of the scorer process). */
public final class MemorySettings {
    public static final String CAPACITY = "memory.capacity";
    public static final String EVICTION = "memory.eviction";
    public static final String SEED = "memory.seed";
    public static final String REFERENCE_CAPACITY = "memory.reference.capacity";

    /** The keys, types, defaults and checks. */
    public static final SettingsSection SECTION = new SettingsSection(
            "Memory store",
            new ConfigDef()
                    .define(CAPACITY, INT, 1024, Range.atLeast(1), HIGH, "Most exemplars kept per memory set.")
                    .define(
                            EVICTION,
                            STRING,
                            "fifo",
                            CaseInsensitiveValidString.in("fifo", "reservoir"),
                            MEDIUM,
                            "What a full set drops: fifo (the oldest) or reservoir (a uniform sample of everything offered).")
                    .define(SEED, LONG, 7L, LOW, "Seed of the reservoir's random choices.")
                    .define(
                            REFERENCE_CAPACITY,
                            INT,
                            1000,
                            Range.atLeast(1),
                            MEDIUM,
                            "Most references kept per memory set (evicted like memory, memory.eviction)."),
            List.of());

    private MemorySettings() {}
}
