package org.vmastream.memory.store;

/**
 * One memory entry as shown to people: no values, just what identifies it and how it is used.
 *
 * @param id       exemplar id
 * @param label    exemplar label, or null
 * @param sequence insertion sequence number (smaller is older)
 * @param reads    events that addressed this entry most probably
 */
public record EntrySummary(String id, String label, long sequence, long reads) {}
