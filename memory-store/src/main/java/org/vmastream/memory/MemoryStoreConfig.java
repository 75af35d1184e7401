package org.vmastream.memory;

import org.vmastream.runtime.settings.Settings;

/**
 * How memory sets are kept.
 *
 * @param capacity  most exemplars per memory set
 * @param eviction  what a full set gives up for a new exemplar
 * @param seed      seed of the reservoir's choices (each choice is a function of seed, set and count,
 *                  so a replay after a crash makes the same choices)
 * @param maxValues largest exemplar accepted, in values
 */
public record MemoryStoreConfig(int capacity, EvictionPolicy eviction, long seed, int maxValues) {
    public MemoryStoreConfig {
        if (capacity < 1 || maxValues < 1) {
            throw new IllegalArgumentException("memory capacity and max values must be positive: " + capacity
                    + ", " + maxValues);
        }
    }

    public static MemoryStoreConfig from(Settings settings) {
        return new MemoryStoreConfig(settings.positiveInteger("memory.capacity"),
                settings.choice("memory.eviction", EvictionPolicy.class), settings.longValue("memory.seed"),
                settings.positiveInteger("memory.max.values"));
    }
}
