package org.vmastream.experiments.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vmastream.fewshot.eval.GridCell;

/**
 * One row of a {@code grid-<model>.csv} file as written by {@code omniglot grid}.
 *
 * @param model    vma, vae or soft-attention
 * @param classes  C
 * @param examples k per class
 * @param targets  targets averaged
 * @param samples  K
 * @param nll      mean -L_K
 * @param se       its standard error
 * @param klA      mean KL(a)
 * @param klZ      mean KL(z)
 */
public record GridRow(
        String model,
        int classes,
        int examples,
        int targets,
        int samples,
        double nll,
        double se,
        double klA,
        double klZ) {

    /** The rows of a grid CSV; an error names the file when its header is not the grid's. */
    public static List<GridRow> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).equals(GridCell.HEADER)) {
            throw new IOException(csv + " is not a grid file of this version (header " + GridCell.HEADER + ")");
        }
        List<GridRow> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.add(new GridRow(
                    f[0],
                    Integer.parseInt(f[1]),
                    Integer.parseInt(f[2]),
                    Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]),
                    Double.parseDouble(f[8]),
                    Double.parseDouble(f[7]),
                    Double.parseDouble(f[9]),
                    Double.parseDouble(f[10])));
        }
        return rows;
    }
}
