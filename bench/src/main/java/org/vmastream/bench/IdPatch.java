package org.vmastream.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Gives pre-encoded events their ids without re-encoding them: the template holds a fixed-width
 * placeholder id, and each event's id (same width) overwrites its bytes in place. A producer copies
 * a record's bytes into its batch before {@code send} returns, so one template serves every event
 * sent from it, and the timed sender loop neither encodes nor allocates per event.
 */
final class IdPatch {
    static final String PLACEHOLDER = "______000000000";
    private static final int PHASE_WIDTH = 6;
    private static final int INDEX_WIDTH = 9;

    private final byte[] bytes;
    private final int at;

    /** Finds the placeholder in {@code template}, which this patch then owns and rewrites. */
    IdPatch(byte[] template) {
        this.bytes = template;
        this.at = find(template, PLACEHOLDER.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The template with the fixed-width id of event {@code index} of {@code phase} (up to 6 characters)
     * written in; valid until the next call.
     */
    byte[] withId(String phase, int index) {
        if (phase.length() > PHASE_WIDTH || index < 0 || index >= 1_000_000_000) {
            throw new IllegalArgumentException("no fixed-width id for " + phase + " " + index);
        }
        for (int i = 0; i < PHASE_WIDTH; i++) {
            bytes[at + i] = (byte) (i < phase.length() ? phase.charAt(i) : ' ');
        }
        int rest = index;
        for (int i = PHASE_WIDTH + INDEX_WIDTH - 1; i >= PHASE_WIDTH; i--) {
            bytes[at + i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return bytes;
    }

    static String phaseOf(String id) {
        return id.substring(0, PHASE_WIDTH).trim();
    }

    static int indexOf(String id) {
        return Integer.parseInt(id.substring(PHASE_WIDTH));
    }

    private static int find(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the template holds no placeholder id");
    }
}
