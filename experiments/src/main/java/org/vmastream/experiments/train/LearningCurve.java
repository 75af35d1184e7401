package org.vmastream.experiments.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code learning-curve.csv}: one row per logging window, appended as training goes, and kept in
 * memory for the plot. A resumed run keeps the rows up to its checkpoint's step and drops later
 * ones, which a crash after the last checkpoint may have left and the resumed run will redo.
 */
public final class LearningCurve {
    private final Path file;
    private final List<CurvePoint> points;

    private LearningCurve(Path file, List<CurvePoint> points) {
        this.file = file;
        this.points = points;
    }

    /**
     * @param file     the CSV file
     * @param keepUpTo rows with steps up to this are kept from an existing file (0 for a fresh run)
     */
    public static LearningCurve open(Path file, long keepUpTo) {
        List<CurvePoint> kept = new ArrayList<>();
        try {
            if (keepUpTo > 0 && Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && !line.equals(CurvePoint.HEADER)) {
                        CurvePoint point = CurvePoint.parse(line);
                        if (point.step() <= keepUpTo) {
                            kept.add(point);
                        }
                    }
                }
            }
            List<String> lines = new ArrayList<>();
            lines.add(CurvePoint.HEADER);
            kept.forEach(p -> lines.add(p.csv()));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the learning curve " + file, e);
        }
        return new LearningCurve(file, kept);
    }

    /** Adds a row to the file and to the points. */
    public void append(CurvePoint point) {
        try {
            Files.writeString(
                    file, point.csv() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the learning curve " + file, e);
        }
        points.add(point);
    }

    /** All rows so far, oldest first. */
    public List<CurvePoint> points() {
        return List.copyOf(points);
    }
}
