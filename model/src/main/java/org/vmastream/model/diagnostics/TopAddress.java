package org.vmastream.model.diagnostics;

/**
 * One of the most probable memory entries for an example.
 *
 * @param index       row of the entry in the memory the model addressed
 * @param probability q(a = index | x)
 */
public record TopAddress(int index, double probability) {}
