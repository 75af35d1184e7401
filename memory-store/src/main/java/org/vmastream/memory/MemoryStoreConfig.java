package org.vmastream.memory;

import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.schemas.reference.ReferenceSplit;

/**
 * How memory sets are kept.
 *
 * @param capacity          most exemplars per memory set
 * @param eviction          what a full set (or reference pool) gives up for a new exemplar
 * @param seed              seed of the reservoir's choices (each choice is a function of seed, set and count,
 *                          so a replay after a crash makes the same choices)
 * @param maxValues         largest exemplar accepted, in values
 * @param references        which exemplars are held out of memory as the set's references
 * @param referenceCapacity most references kept per memory set
 */
public record MemoryStoreConfig(
        int capacity,
        EvictionPolicy eviction,
        long seed,
        int maxValues,
        ReferenceSplit references,
        int referenceCapacity) {
    public MemoryStoreConfig {
        if (capacity < 1 || maxValues < 1 || referenceCapacity < 1) {
            throw new IllegalArgumentException("memory capacity, reference capacity and max values must be positive: "
                    + capacity + ", " + referenceCapacity + ", " + maxValues);
        }
    }

    /** Without references: every exemplar enters memory. */
    public MemoryStoreConfig(int capacity, EvictionPolicy eviction, long seed, int maxValues) {
        this(capacity, eviction, seed, maxValues, new ReferenceSplit(0), 1);
    }

    /** The same rules for the reference pools: their capacity, the same eviction. */
    public MemoryStoreConfig referencePools() {
        return new MemoryStoreConfig(referenceCapacity, eviction, seed, maxValues, references, referenceCapacity);
    }

    public static MemoryStoreConfig from(Settings settings) {
        ParsedSettings values = settings.parse(MemorySettings.SECTION.definition());
        return new MemoryStoreConfig(
                values.integer(MemorySettings.CAPACITY),
                values.choice(MemorySettings.EVICTION, EvictionPolicy.class),
                values.longValue(MemorySettings.SEED),
                settings.parse(RuntimeSettings.SHARED.definition()).integer(RuntimeSettings.MAX_VALUES),
                new ReferenceSplit(
                        settings.parse(RuntimeSettings.SHARED.definition()).decimal(RuntimeSettings.REFERENCE_SHARE)),
                values.integer(MemorySettings.REFERENCE_CAPACITY));
    }
}
