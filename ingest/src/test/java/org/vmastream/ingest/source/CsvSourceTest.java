package org.vmastream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    @TempDir
    Path dir;

    private List<Item> read(String text, CsvFormat format, Skips skips) throws IOException {
        Path file = Files.writeString(dir.resolve("points.csv"), text);
        return SourceItems.all(new CsvSource(file, format, skips));
    }

    @Test
    void shouldReadRowsWithALabelNamedInTheHeader() throws IOException {
        String csv = "x,y,class,z\n1,2,a,3\n\n0.5,-1e-3,\"b, quoted\",4\n";
        Skips skips = new Skips();

        List<Item> items = read(csv, new CsvFormat(',', CsvFormat.Header.AUTO, "class"), skips);

        assertThat(items).extracting(Item::id).containsExactly("csv-points-000002", "csv-points-000004");
        assertThat(items).extracting(Item::label).containsExactly("a", "b, quoted");
        assertThat(items).extracting(Item::source).containsOnly("csv-points.csv");
        assertThat(items.get(0).shape()).containsExactly(3);
        assertThat(items.get(0).data()).containsExactly(1f, 2f, 3f);
        assertThat(items.get(1).data()).containsExactly(0.5f, -1e-3f, 4f);
        assertThat(skips.total()).isZero();
    }

    @Test
    void shouldTakeTheFirstRowAsDataWhenItIsAllNumbers() throws IOException {
        List<Item> items = read("1,2,7\n3,4,8\n", new CsvFormat(',', CsvFormat.Header.AUTO, "2"), new Skips());

        assertThat(items).extracting(Item::id).containsExactly("csv-points-000001", "csv-points-000002");
        assertThat(items).extracting(Item::label).containsExactly("7", "8");
        assertThat(items.get(1).data()).containsExactly(3f, 4f);
    }

    @Test
    void shouldDetectAHeaderAndReadUnlabelledRows() throws IOException {
        List<Item> items = read("\uFEFFf1;f2\n1;2\n", new CsvFormat(';', CsvFormat.Header.AUTO, null), new Skips());

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.label()).isNull();
            assertThat(item.data()).containsExactly(1f, 2f);
            assertThat(item.id()).isEqualTo("csv-points-000002");
        });
    }

    @Test
    void shouldSkipBadRowsWithTheirLineAndReadTheRest() throws IOException {
        String csv = String.join(
                "\n", "a,b,label", "1,2,x", "1,2", "1,NaN,x", "1,oops,x", "1,1e99,x", "1,\"2,x", "3,4,", "");
        Skips skips = new Skips();

        List<Item> items = read(csv, new CsvFormat(',', CsvFormat.Header.YES, "label"), skips);

        assertThat(items).extracting(Item::id).containsExactly("csv-points-000002", "csv-points-000008");
        assertThat(items.get(1).label()).as("an empty label cell is no label").isNull();
        assertThat(skips.counts())
                .containsEntry(SkipReason.RAGGED_ROW, 1L)
                .containsEntry(SkipReason.NOT_A_NUMBER, 3L)
                .containsEntry(SkipReason.MALFORMED_ROW, 1L);
        Path file = dir.resolve("points.csv");
        assertThat(skips.examples())
                .extracting(Object::toString)
                .containsExactly(
                        file + ":3: ragged row: 2 cells, expected 3",
                        file + ":4: not a finite number: column 2 holds 'NaN'",
                        file + ":5: not a finite number: column 2 holds 'oops'",
                        file + ":6: not a finite number: column 2 holds '1e99'",
                        file + ":7: malformed row: a quote opened in cell 2 is not closed");
    }

    @Test
    void shouldRefuseALabelColumnThatIsNotThere() {
        assertThatThrownBy(() -> read("a,b\n1,2\n", new CsvFormat(',', CsvFormat.Header.AUTO, "label"), new Skips()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column named 'label'");
        assertThatThrownBy(() -> read("1,2\n", new CsvFormat(',', CsvFormat.Header.NO, "2"), new Skips()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label column 2 is past the last column");
    }

    @Test
    void shouldRefuseALabelNameWithoutHeader() {
        assertThatThrownBy(() -> new CsvFormat(',', CsvFormat.Header.NO, "label"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a header line");
    }

    @Test
    void shouldRefuseAnEmptyFile() {
        assertThatThrownBy(() -> read("\n\n", new CsvFormat(',', CsvFormat.Header.AUTO, null), new Skips()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no rows");
    }
}
