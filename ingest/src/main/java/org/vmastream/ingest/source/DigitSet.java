package org.vmastream.ingest.source;

import java.util.BitSet;

/**
 * A set of MNIST digits, written like {@code 0-8} or {@code 1,3,5-7}: e.g. to hold a class out of the memory
 * and send it later as events that should look novel.
 */
public final class DigitSet {
    private final BitSet digits;

    private DigitSet(BitSet digits) {
        this.digits = digits;
    }

    /** Every digit 0..9. */
    public static DigitSet all() {
        BitSet digits = new BitSet(10);
        digits.set(0, 10);
        return new DigitSet(digits);
    }

    /**
     * @param text comma-separated digits and inclusive ranges {@code a-b}
     * @return the set
     * @throws IllegalArgumentException if the text is empty, not digits, outside 0..9 or a range runs backwards
     */
    public static DigitSet parse(String text) {
        BitSet digits = new BitSet(10);
        for (String part : text.split(",", -1)) {
            String[] ends = part.trim().split("-", -1);
            if (ends.length > 2) {
                throw bad(text, "'" + part.trim() + "' is not a digit or a range a-b");
            }
            int from = digit(text, ends[0]);
            int to = ends.length == 2 ? digit(text, ends[1]) : from;
            if (to < from) {
                throw bad(text, "the range " + from + "-" + to + " runs backwards");
            }
            digits.set(from, to + 1);
        }
        return new DigitSet(digits);
    }

    /** Whether {@code digit} is in the set. */
    public boolean contains(int digit) {
        return digits.get(digit);
    }

    private static int digit(String text, String part) {
        String trimmed = part.trim();
        if (trimmed.length() != 1 || !Character.isDigit(trimmed.charAt(0))) {
            throw bad(text, "'" + trimmed + "' is not a digit 0..9");
        }
        return trimmed.charAt(0) - '0';
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException(
                "cannot read digits '" + text + "': " + problem + " (write e.g. 0-8 or 1,3,5-7)");
    }
}
