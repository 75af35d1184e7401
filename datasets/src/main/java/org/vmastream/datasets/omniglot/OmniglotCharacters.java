package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vmastream.datasets.episodes.LabelledImages;

/**
 * Omniglot in memory: the drawings of one or more sets as ink (1 = ink) at one {@link OmniglotSize}, in classes
 * that are characters, {@code <alphabet>/<character>}. Classes are sorted by alphabet, then character, and a
 * class's drawings by name ({@code 0394_01}: character number and drawer). A drawing found in several sources
 * (Greek and Latin are in both small background subsets, as the same files) is kept once. As
 * {@link LabelledImages}, a class's group is its alphabet, so episodes spread over alphabets.
 *
 * <p>Immutable, so it can be shared between threads; images are handed out as copies.
 */
public final class OmniglotCharacters implements LabelledImages {
    private final OmniglotSize size;
    private final List<CharacterDrawings> classes;
    private final List<String> alphabets;

    private OmniglotCharacters(OmniglotSize size, List<CharacterDrawings> classes) {
        this.size = size;
        this.classes = List.copyOf(classes);
        // Classes are sorted by alphabet, so the distinct alphabets come out sorted.
        this.alphabets =
                classes.stream().map(CharacterDrawings::alphabet).distinct().toList();
    }

    /** {@link #load(List, OmniglotSize)} at {@link OmniglotSize#POOLED_26}, the paper's few-shot input. */
    public static OmniglotCharacters load(List<Path> locations) throws IOException {
        return load(locations, OmniglotSize.POOLED_26);
    }

    /**
     * Reads every drawing at the given locations into memory. A location is a set's zip or folder, or a folder
     * holding sets, of which all are read (e.g. background and evaluation); see {@link OmniglotLayout}.
     *
     * @param locations where the sets are; earlier ones first, which decides {@link #set(int)}
     * @param size      the resolution to keep the drawings at
     * @return the characters
     * @throws IllegalArgumentException if no location is given, one holds no set, or there are no drawings at all
     * @throws IOException              naming the drawing, if one cannot be read or is not 105x105: a training
     *                                  set must not lose items silently
     */
    public static OmniglotCharacters load(List<Path> locations, OmniglotSize size) throws IOException {
        Objects.requireNonNull(size, "size");
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("no Omniglot location given");
        }
        CharacterCollector collector = new CharacterCollector(size);
        for (Path location : locations) {
            try (OpenSets sets = new OpenSets(OmniglotLayout.locateAll(location))) {
                for (OmniglotSet set : sets.sets()) {
                    collector.add(set);
                }
            }
        }
        List<CharacterDrawings> classes = collector.characters();
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("no Omniglot drawings in " + locations);
        }
        return new OmniglotCharacters(size, classes);
    }

    /** The resolution of the drawings. */
    public OmniglotSize size() {
        return size;
    }

    /** Edge length of the drawings in pixels. */
    public int pixels() {
        return size.pixels();
    }

    /** Values per drawing, {@code pixels() * pixels()}. */
    @Override
    public int dimension() {
        return size.pixels() * size.pixels();
    }

    /** How many characters there are. */
    @Override
    public int classCount() {
        return classes.size();
    }

    /** {@code <alphabet>/<character>}, e.g. {@code Greek/character01}. */
    @Override
    public String label(int cls) {
        return classes.get(cls).label();
    }

    /** The alphabet of the character, e.g. {@code Greek}. */
    public String alphabet(int cls) {
        return classes.get(cls).alphabet();
    }

    /** The alphabet: episodes pick their characters from random alphabets. */
    @Override
    public String group(int cls) {
        return alphabet(cls);
    }

    /** The character within its alphabet, e.g. {@code character01}. */
    public String character(int cls) {
        return classes.get(cls).character();
    }

    /** The set the character's drawings were first read from, e.g. {@code images_background_small1}. */
    public String set(int cls) {
        return classes.get(cls).set();
    }

    @Override
    public int drawingCount(int cls) {
        return classes.get(cls).drawings().size();
    }

    /** The file name of a drawing without {@code .png}, e.g. {@code 0394_01}. */
    public String drawingName(int cls, int drawing) {
        return classes.get(cls).drawings().get(drawing);
    }

    /**
     * @param cls     the character
     * @param drawing which of its drawings
     * @return a copy of the drawing's {@link #dimension()} ink values, row-major
     */
    @Override
    public float[] image(int cls, int drawing) {
        Objects.checkIndex(drawing, drawingCount(cls));
        int dimension = dimension();
        return Arrays.copyOfRange(classes.get(cls).values(), drawing * dimension, (drawing + 1) * dimension);
    }

    /** The alphabets, sorted. */
    public List<String> alphabets() {
        return alphabets;
    }

    /**
     * @param chosen alphabets to keep, at least one
     * @return the characters of those alphabets only, in the same order (sharing the drawings, not copying them)
     * @throws IllegalArgumentException if none is chosen or one is not here; the message lists those that are
     */
    public OmniglotCharacters onlyAlphabets(Collection<String> chosen) {
        Set<String> wanted = Set.copyOf(chosen);
        List<String> unknown = wanted.stream()
                .filter(alphabet -> !alphabets.contains(alphabet))
                .sorted()
                .toList();
        if (wanted.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    (wanted.isEmpty() ? "no alphabet chosen" : "unknown alphabets " + unknown) + "; the alphabets are "
                            + String.join(", ", alphabets));
        }
        return new OmniglotCharacters(
                size,
                classes.stream().filter(c -> wanted.contains(c.alphabet())).toList());
    }

    @Override
    public String toString() {
        return "Omniglot: " + classCount() + " characters of " + alphabets.size() + " alphabets at " + pixels() + "x"
                + pixels();
    }
}
