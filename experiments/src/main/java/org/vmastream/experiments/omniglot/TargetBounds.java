package org.vmastream.experiments.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Each target's L_K from the {@code targets-<model>.csv} files of a results folder, by model. Target i of column k is
 * the same drawing in every row, for every model and every run with the grid's default seed, so bounds from
 * different models or folders can be compared target by target.
 */
public final class TargetBounds {
    /** The header of a {@code targets-<model>.csv} file. */
    public static final String HEADER = "model,classes,examples_per_class,target,bound";

    private TargetBounds() {}

    /**
     * One target of the grid.
     *
     * @param classes  C, the classes in memory
     * @param examples k, the examples per class
     * @param index    the target's number within its cell
     */
    public record Target(int classes, int examples, int index) implements Comparable<Target> {
        @Override
        public int compareTo(Target other) {
            int c = Integer.compare(classes, other.classes);
            if (c != 0) {
                return c;
            }
            int k = Integer.compare(examples, other.examples);
            return k != 0 ? k : Integer.compare(index, other.index);
        }
    }

    /** Bounds by model name and target; empty when the folder has no per-target files. */
    public static Map<String, Map<Target, Double>> read(Path folder) throws IOException {
        Map<String, Map<Target, Double>> bounds = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path csv : files.filter(f -> f.getFileName().toString().matches("targets-.*\\.csv"))
                    .sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(csv);
                if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                    throw new IOException(csv + " is not a per-target file of this version (header " + HEADER + ")");
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",");
                    bounds.computeIfAbsent(f[0], m -> new TreeMap<>())
                            .put(
                                    new Target(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])),
                                    Double.parseDouble(f[4]));
                }
            }
        }
        return bounds;
    }
}
