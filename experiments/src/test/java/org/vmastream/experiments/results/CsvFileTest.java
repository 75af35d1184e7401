package org.vmastream.experiments.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
    @TempDir
    Path dir;

    @Test
    void writesTheHeaderOnceAndAppends() throws IOException {
        Path table = dir.resolve("nested/results.csv");
        new ResultsRow("recall", 256, 100, 12.0, -90.0, 5.0, 20.0, -95.0, 1000).appendTo(table);
        new ResultsRow("eval, quoted", 0, 100, null, null, null, null, -99.5, 5000).appendTo(table);

        assertThat(Files.readAllLines(table))
                .containsExactly(
                        ResultsRow.HEADER,
                        "recall,256,100,12.0,-90.0000,5.0000,20.0000,-95.0000,1000",
                        "\"eval, quoted\",0,100,,,,,-99.5000,5000");
    }

    @Test
    void refusesATableOfAnotherLayout() throws IOException {
        Path table = dir.resolve("bench.csv");
        Files.writeString(table, "something,else\n");

        assertThatThrownBy(() -> CsvFile.append(table, ResultsRow.HEADER, List.of("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("append to another file");
    }
}
