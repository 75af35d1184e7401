package org.vmastream.experiments.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Appends rows to a CSV table shared by many runs, creating it with its header on first use and
 * refusing to mix in rows of another layout.
 */
public final class CsvFile {
    private CsvFile() {}

    /**
     * @param file   the table
     * @param header its first line
     * @param rows   lines to append (no line breaks)
     * @throws IllegalArgumentException if the file exists with a different header
     */
    public static void append(Path file, String header, List<String> rows) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            StringBuilder text = new StringBuilder();
            if (!Files.exists(file) || Files.size(file) == 0) {
                text.append(header).append(System.lineSeparator());
            } else {
                String existing = firstLine(file);
                if (!header.equals(existing)) {
                    throw new IllegalArgumentException(
                            file + " has the header '" + existing + "', not '" + header + "': append to another file");
                }
            }
            rows.forEach(row -> text.append(row).append(System.lineSeparator()));
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /** A field quoted as RFC 4180 asks when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static String firstLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        }
    }
}
