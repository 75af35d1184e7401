package org.vmastream.launcher.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Gives pre-encoded events their ids without re-encoding them: the template holds a fixed-width
 * placeholder id, and each event's id (same width) overwrites its bytes. Keeps Avro encoding out of
 * the timed sender loop.
 */
final class IdPatch {
    static final String PLACEHOLDER = "______000000000";

    private IdPatch() {
    }

    /** The fixed-width id of event {@code index} of a phase (phase names up to 6 characters). */
    static String id(String phase, int index) {
        return String.format(Locale.ROOT, "%-6s%09d", phase, index);
    }

    static String phaseOf(String id) {
        return id.substring(0, 6).trim();
    }

    static int indexOf(String id) {
        return Integer.parseInt(id.substring(6));
    }

    static byte[] apply(byte[] template, String id) {
        byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        byte[] replacement = id.getBytes(StandardCharsets.US_ASCII);
        if (replacement.length != placeholder.length) {
            throw new IllegalArgumentException("id '" + id + "' must have " + placeholder.length + " characters");
        }
        int at = find(template, placeholder);
        byte[] out = template.clone();
        System.arraycopy(replacement, 0, out, at, replacement.length);
        return out;
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
