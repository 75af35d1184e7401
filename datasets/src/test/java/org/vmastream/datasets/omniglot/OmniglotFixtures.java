package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmastream.datasets.Fixtures;

/**
 * Tiny made-up Omniglot sets. Drawing {@code d} (0-based) of every character is named {@code 0000_<d+1>} and is
 * blank except for ink at pixel {@code (4d, 4d)}, which max-pools to {@code (d, d)} at 26x26: so a test can tell
 * from the values which drawing it got.
 */
final class OmniglotFixtures {
    private OmniglotFixtures() {}

    /** The name of drawing {@code d}. */
    static String drawingName(int d) {
        return String.format("0000_%02d", d + 1);
    }

    /**
     * Writes a set unpacked, as {@code <root>/<set>/<alphabet>/<character>/<drawing>.png}.
     *
     * @param characters {@code <alphabet>/<character>} each
     * @return the set's folder
     */
    static Path folder(Path root, String set, int drawings, String... characters) throws IOException {
        for (Map.Entry<String, byte[]> file : files(drawings, characters).entrySet()) {
            Fixtures.write(root.resolve(set).resolve(file.getKey()), file.getValue());
        }
        return root.resolve(set);
    }

    /**
     * Writes a set as published, {@code <root>/<set>.zip} holding {@code <set>/<alphabet>/<character>/...}.
     *
     * @param characters {@code <alphabet>/<character>} each
     * @return the zip
     */
    static Path zip(Path root, String set, int drawings, String... characters) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        files(drawings, characters).forEach((name, bytes) -> entries.put(set + "/" + name, bytes));
        return Fixtures.zip(root.resolve(set + ".zip"), entries);
    }

    private static Map<String, byte[]> files(int drawings, String... characters) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String character : characters) {
            for (int d = 0; d < drawings; d++) {
                files.put(
                        character + "/" + drawingName(d) + ".png",
                        Fixtures.pngBytes(Fixtures.oneBit(105, 105, new int[] {4 * d, 4 * d})));
            }
        }
        return files;
    }
}
