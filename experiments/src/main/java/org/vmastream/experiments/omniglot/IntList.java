package org.vmastream.experiments.omniglot;

import java.util.Arrays;

/** Parses comma-separated positive counts, where {@code all} stands for {@link Integer#MAX_VALUE}. */
public final class IntList {
    private IntList() {}

    /**
     * @param what what the numbers count, for the error message
     * @throws IllegalArgumentException naming {@code what} when a value is not a positive number or {@code all}
     */
    public static int[] parse(String text, String what) {
        try {
            int[] values = Arrays.stream(text.split(","))
                    .map(String::trim)
                    .mapToInt(s -> s.equalsIgnoreCase("all") ? Integer.MAX_VALUE : Integer.parseInt(s))
                    .toArray();
            for (int v : values) {
                if (v < 1) {
                    throw new NumberFormatException();
                }
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    what + " must be positive numbers (or 'all') separated by commas, " + "got '" + text + "'");
        }
    }
}
