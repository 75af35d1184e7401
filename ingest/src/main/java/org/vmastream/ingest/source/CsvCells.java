package org.vmastream.ingest.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells: cells may be quoted ({@code "a,b"}, with {@code ""} for a quote inside), as
 * spreadsheets write text labels; a quoted cell cannot span lines.
 */
final class CsvCells {
    private CsvCells() {}

    /**
     * @return the cells, unquoted but otherwise as written
     * @throws IllegalArgumentException if a quote is not closed
     */
    static List<String> split(String line, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch != '"') {
                    cell.append(ch);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quote opened in cell " + (cells.size() + 1) + " is not closed");
        }
        cells.add(cell.toString());
        return cells;
    }
}
