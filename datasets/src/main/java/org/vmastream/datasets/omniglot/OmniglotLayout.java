package org.vmastream.datasets.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds an Omniglot set from what the user points at: a set's zip ({@code images_background.zip}), a set's folder
 * (whose sub-folders are alphabets), or the folder holding the sets as folders or zips, where the split picks one
 * ({@code background}, {@code evaluation}, {@code background_small1}, ...) or {@link #locateAll} takes them all. So
 * the full official data and the small subsets are read the same way, unpacked or not.
 */
public final class OmniglotLayout {
    /** The split read from a folder of sets when none is given. */
    public static final String DEFAULT_SPLIT = "background";

    private static final String SET_PREFIX = "images_";

    private OmniglotLayout() {}

    /**
     * @param path  a set's zip or folder, or the folder holding sets
     * @param split which set of a folder of sets, with or without the {@code images_} prefix; null for
     *              {@value #DEFAULT_SPLIT}. Must name the set itself when {@code path} is one.
     * @return the set, to be closed by the caller
     * @throws IllegalArgumentException if there is no such set, or the split contradicts the path
     * @throws IOException              if the folder or zip cannot be read
     */
    public static OmniglotSet locate(Path path, String split) throws IOException {
        String wanted = split == null ? null : setName(split);
        if (Files.isRegularFile(path)) {
            if (!OmniglotZip.isZip(path)) {
                throw new IllegalArgumentException(path + " is neither an Omniglot zip nor a folder");
            }
            return checked(new OmniglotZip(path), wanted);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("Omniglot path " + path + " does not exist");
        }
        List<String> sets = setsIn(path);
        if (sets.isEmpty()) {
            return checked(new OmniglotFolder(path), wanted);
        }
        String name = wanted == null ? setName(DEFAULT_SPLIT) : wanted;
        Path folder = path.resolve(name);
        if (Files.isDirectory(folder)) {
            return new OmniglotFolder(folder);
        }
        Path zip = path.resolve(name + ".zip");
        if (Files.isRegularFile(zip)) {
            return new OmniglotZip(zip);
        }
        throw new IllegalArgumentException("no Omniglot set " + name + " (folder or zip) in " + path + "; it holds "
                + String.join(", ", sets) + " (choose one with --split)");
    }

    /**
     * Every set at {@code path}: the one set a zip or set folder is, or all the sets (folders or zips named
     * {@code images_*}) of a folder holding sets, sorted by name, e.g. background and evaluation together.
     *
     * @param path a set's zip or folder, or the folder holding sets
     * @return the sets, to be closed by the caller
     * @throws IllegalArgumentException if there is no set there
     * @throws IOException              if a folder or zip cannot be read
     */
    public static List<OmniglotSet> locateAll(Path path) throws IOException {
        List<String> names = Files.isDirectory(path) ? setsIn(path) : List.of();
        if (names.isEmpty()) {
            return List.of(locate(path, null));
        }
        List<OmniglotSet> sets = new ArrayList<>();
        try {
            for (String name : names) {
                sets.add(locate(path, name));
            }
        } catch (IOException | RuntimeException e) {
            // The caller never sees the sets opened so far, so they would keep their zips open.
            try {
                new OpenSets(sets).close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return List.copyOf(sets);
    }

    private static String setName(String split) {
        return split.startsWith(SET_PREFIX) ? split : SET_PREFIX + split;
    }

    /** Names of the sets (folders or zips named images_*) directly in {@code folder}. */
    private static List<String> setsIn(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> Files.isDirectory(child) || OmniglotZip.isZip(child))
                    .map(child -> child.getFileName().toString())
                    .filter(name -> name.startsWith(SET_PREFIX))
                    .map(name -> name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /** Refuses a split that names another set than the one the path points at, instead of ignoring it. */
    private static OmniglotSet checked(OmniglotSet set, String wanted) throws IOException {
        if (wanted != null && !wanted.equals(set.name())) {
            set.close();
            throw new IllegalArgumentException(set.location() + " is the Omniglot set " + set.name() + ", not " + wanted
                    + "; leave out --split or point --path at the folder holding " + wanted);
        }
        return set;
    }
}
