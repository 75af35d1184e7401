package org.vmastream.ingest.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Feature vectors, one per CSV row, with shape {@code [n]} (n = cells without the label). The first row (the
 * header if there is one) fixes the number of cells; rows with another number of cells, a malformed quote, or a
 * value that is not a finite number are recorded as skips with their line. Blank lines are ignored. Ids are
 * {@code csv-<file stem>-<line number>}, which stay the same as long as the file does. Read lazily, so files larger
 * than memory stream through.
 */
public final class CsvSource implements ItemSource {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Path file;
    private final CsvFormat format;
    private final Skips skips;
    private final BufferedReader reader;
    private final String source;
    private final String idPrefix;
    private final int width;
    private final int labelIndex;
    private String pending;
    private int lineNumber;
    private int pendingLineNumber;

    /**
     * Opens the file and reads up to its first row to settle the header and the label column.
     *
     * @throws IllegalArgumentException if the file has no rows, the label column is not among the columns, or no
     *                                  column is left for features
     * @throws IOException              if the file cannot be read
     */
    public CsvSource(Path file, CsvFormat format, Skips skips) throws IOException {
        this.file = file;
        this.format = format;
        this.skips = skips;
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        this.source = "csv-" + name;
        this.idPrefix = "csv-" + stem + "-";
        this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        try {
            String first = nextNonBlankLine();
            if (first == null) {
                throw new IllegalArgumentException("CSV file " + file + " has no rows");
            }
            first = first.charAt(0) == BYTE_ORDER_MARK ? first.substring(1) : first;
            List<String> cells = cellsOfFirstRow(first);
            this.width = cells.size();
            this.labelIndex = labelIndex(cells);
            if (!isHeader(cells)) {
                pending = first;
                pendingLineNumber = lineNumber;
            }
            if (width - (labelIndex >= 0 ? 1 : 0) < 1) {
                throw new IllegalArgumentException("CSV file " + file + " has no feature columns besides the label");
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public Item next() throws IOException {
        while (true) {
            String line;
            int number;
            if (pending != null) {
                line = pending;
                number = pendingLineNumber;
                pending = null;
            } else {
                line = nextNonBlankLine();
                number = lineNumber;
            }
            if (line == null) {
                return null;
            }
            Item item = parse(line, number);
            if (item != null) {
                return item;
            }
        }
    }

    /** The row as an item, or null (recorded as a skip) if it is bad. */
    private Item parse(String line, int number) {
        String location = file + ":" + number;
        List<String> cells;
        try {
            cells = CsvCells.split(line, format.delimiter());
        } catch (IllegalArgumentException e) {
            skips.record(location, SkipReason.MALFORMED_ROW, e.getMessage());
            return null;
        }
        if (cells.size() != width) {
            skips.record(location, SkipReason.RAGGED_ROW, cells.size() + " cells, expected " + width);
            return null;
        }
        float[] data = new float[labelIndex >= 0 ? width - 1 : width];
        int k = 0;
        for (int column = 0; column < width; column++) {
            if (column == labelIndex) {
                continue;
            }
            Float value = finite(cells.get(column));
            if (value == null) {
                skips.record(
                        location,
                        SkipReason.NOT_A_NUMBER,
                        "column " + (column + 1) + " holds '"
                                + cells.get(column).trim() + "'");
                return null;
            }
            data[k++] = value;
        }
        String label = labelIndex >= 0 && !cells.get(labelIndex).isBlank()
                ? cells.get(labelIndex).trim()
                : null;
        String id = idPrefix + String.format(Locale.ROOT, "%06d", number);
        return new Item(id, label, new int[] {data.length}, data, source);
    }

    private List<String> cellsOfFirstRow(String first) {
        try {
            return CsvCells.split(first, format.delimiter());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the first row of " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private int labelIndex(List<String> firstRow) {
        String column = format.labelColumn();
        if (column == null) {
            return -1;
        }
        if (CsvFormat.isIndex(column)) {
            int index = Integer.parseInt(column);
            if (index >= firstRow.size()) {
                throw new IllegalArgumentException("label column " + index + " is past the last column of " + file
                        + " (its rows have " + firstRow.size() + " cells, numbered from 0)");
            }
            return index;
        }
        for (int i = 0; i < firstRow.size(); i++) {
            if (firstRow.get(i).trim().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                "no column named '" + column + "' in the header of " + file + ": " + firstRow);
    }

    private boolean isHeader(List<String> firstRow) {
        return switch (format.header()) {
            case YES -> true;
            case NO -> false;
            case AUTO ->
                (format.labelColumn() != null && !CsvFormat.isIndex(format.labelColumn())) || hasTextFeature(firstRow);
        };
    }

    private boolean hasTextFeature(List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            if (i != labelIndex && !isNumber(row.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String cell) {
        try {
            Float.parseFloat(cell.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Float finite(String cell) {
        try {
            float value = Float.parseFloat(cell.trim());
            return Float.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String nextNonBlankLine() throws IOException {
        String line;
        do {
            line = reader.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        return line;
    }

    @Override
    public long expectedCount() {
        return UNKNOWN_COUNT;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
