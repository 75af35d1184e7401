package org.vmastream.ingest.source;

/**
 * How a CSV file of feature vectors is laid out.
 *
 * @param delimiter   separates cells, e.g. {@code ,} or a tab
 * @param header      whether the first line names the columns
 * @param labelColumn the label's column, by header name or by 0-based index; null when there is no label
 */
public record CsvFormat(char delimiter, Header header, String labelColumn) {
    /** Whether the first line is a header. */
    public enum Header {
        /** It is one if the label is given by name, or if a cell of the first line that should be a number is not. */
        AUTO,
        /** The first line is a header. */
        YES,
        /** Every line is data. */
        NO
    }

    /** Checks that a label named by its header has a header to be found in. */
    public CsvFormat {
        if (header == Header.NO && labelColumn != null && !isIndex(labelColumn)) {
            throw new IllegalArgumentException("the label column '" + labelColumn
                    + "' is a name, which needs a header line; give its 0-based index instead");
        }
    }

    /** Whether {@code labelColumn} is a 0-based index rather than a name. */
    static boolean isIndex(String labelColumn) {
        return labelColumn.chars().allMatch(Character::isDigit) && !labelColumn.isEmpty();
    }
}
