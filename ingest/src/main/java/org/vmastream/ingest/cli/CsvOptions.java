package org.vmastream.ingest.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vmastream.ingest.source.CsvFormat;
import org.vmastream.ingest.source.CsvSource;
import org.vmastream.ingest.source.ItemSource;
import org.vmastream.ingest.source.Skips;
import picocli.CommandLine.Option;

/** The options of {@code --source csv}. */
final class CsvOptions {
    @Option(
            names = "--label-column",
            paramLabel = "NAME|INDEX",
            description = "the label's column, by header name or 0-based index; default none (unlabelled)")
    String labelColumn;

    @Option(
            names = "--header",
            paramLabel = "auto|yes|no",
            converter = LowerCaseChoice.Header.class,
            description = "whether the first line names the columns; auto: yes if the label column is given by"
                    + " name or a feature cell of the first line is not a number; default auto")
    CsvFormat.Header header = CsvFormat.Header.AUTO;

    @Option(
            names = "--delimiter",
            paramLabel = "CHAR",
            description = "cell separator, one character or \\t;" + " default ,")
    String delimiter = ",";

    ItemSource open(Path file, Skips skips) throws IOException {
        return new CsvSource(file, new CsvFormat(delimiter(), header, labelColumn), skips);
    }

    private char delimiter() {
        String value = delimiter.equals("\\t") ? "\t" : delimiter;
        if (value.length() != 1) {
            throw new IllegalArgumentException("--delimiter must be one character (or \\t), not '" + delimiter + "'");
        }
        return value.charAt(0);
    }
}
