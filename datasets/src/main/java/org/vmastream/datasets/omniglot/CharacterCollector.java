package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Gathers the drawings of several sets into characters, each drawing once: a drawing (alphabet, character, name)
 * already gathered from an earlier set is not read again, since the small subsets share whole alphabets.
 */
final class CharacterCollector {
    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::alphabet).thenComparing(Key::character);

    private final OmniglotSize size;
    private final SortedMap<Key, Gathered> characters = new TreeMap<>(ORDER);

    CharacterCollector(OmniglotSize size) {
        this.size = size;
    }

    /**
     * Reads the drawings of the set that are not gathered yet.
     *
     * @throws IOException naming the drawing, if one cannot be read or is not 105x105
     */
    void add(OmniglotSet set) throws IOException {
        for (OmniglotEntry entry : set.entries()) {
            Gathered character = characters.computeIfAbsent(
                    new Key(entry.alphabet(), entry.character()), key -> new Gathered(set.name()));
            if (!character.drawings.containsKey(entry.drawing())) {
                character.drawings.put(entry.drawing(), read(set, entry));
            }
        }
    }

    private float[] read(OmniglotSet set, OmniglotEntry entry) throws IOException {
        try {
            return size.apply(OmniglotInk.read(set, entry)).values();
        } catch (IOException e) {
            throw new IOException(
                    "cannot load Omniglot drawing " + set.location() + ":" + entry.path() + ": " + e.getMessage(), e);
        }
    }

    /** The characters gathered, sorted by alphabet and character, their drawings by name. */
    List<CharacterDrawings> characters() {
        int dimension = size.pixels() * size.pixels();
        List<CharacterDrawings> result = new ArrayList<>(characters.size());
        for (Map.Entry<Key, Gathered> entry : characters.entrySet()) {
            Map<String, float[]> drawings = entry.getValue().drawings;
            float[] values = new float[drawings.size() * dimension];
            int offset = 0;
            for (float[] drawing : drawings.values()) {
                System.arraycopy(drawing, 0, values, offset, dimension);
                offset += dimension;
            }
            Key key = entry.getKey();
            result.add(new CharacterDrawings(
                    key.alphabet(), key.character(), entry.getValue().set, List.copyOf(drawings.keySet()), values));
        }
        return result;
    }

    private record Key(String alphabet, String character) {}

    /** A character being gathered: where it was first seen and its drawings so far, by name. */
    private static final class Gathered {
        private final String set;
        private final SortedMap<String, float[]> drawings = new TreeMap<>();

        private Gathered(String set) {
            this.set = set;
        }
    }
}
