package org.vmastream.experiments.omniglot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vmastream.experiments.omniglot.TargetBounds.Target;

/**
 * Turns the grid and classification CSVs of a results folder into {@code omniglot.md} (Table 1 layout, paired gains
 * over the VAE and, optionally, over another run, the confounder sweep against its optimal reference, the KL split,
 * classification accuracy) and two plots: {@code confounders.png} (Figure 5A) and {@code kl-split.png} (Figure 4B).
 */
public final class OmniglotReport {
    private final Folder results;
    private final int klClasses;
    private final Path against;

    /** The results folder, named as the commands name it. */
    private record Folder(Path path) {}

    /**
     * @param folder    the results folder, read and written
     * @param klClasses C of the row whose KL split is shown
     * @param against   another results folder (same grid seed) to compare each model with its namesake, or null
     */
    public OmniglotReport(Path folder, int klClasses, Path against) {
        this.results = new Folder(folder);
        this.klClasses = klClasses;
        this.against = against;
    }

    /**
     * Writes {@code omniglot.md}, {@code confounders.png} and {@code kl-split.png} into the folder.
     *
     * @return the Markdown written
     * @throws IllegalArgumentException when the folder holds no grid results
     */
    public String write() throws IOException {
        List<GridRow> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(results.path())) {
            for (Path csv : files.filter(f -> f.getFileName().toString().matches("grid-.*\\.csv"))
                    .sorted()
                    .toList()) {
                rows.addAll(GridRow.read(csv));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no grid-*.csv in " + results.path() + "; run 'omniglot grid' first");
        }
        StringBuilder md = new StringBuilder();
        table(md, rows);
        Map<String, Map<Target, Double>> bounds = TargetBounds.read(results.path());
        pairedWithVae(md, bounds);
        if (against != null) {
            pairedWithOtherRun(md, bounds);
        }
        confounders(md, rows);
        klSplit(md, rows);
        classification(md);
        Files.writeString(results.path().resolve("omniglot.md"), md);
        return md.toString();
    }

    private static void table(StringBuilder md, List<GridRow> rows) {
        TreeSet<Integer> examples = new TreeSet<>();
        rows.forEach(r -> examples.add(r.examples()));
        md.append("## Test NLL on held-out characters (nats, -L_K; mean +- standard error over targets)\n\n");
        md.append("| model | C in memory |");
        examples.forEach(k -> md.append(' ').append(k).append(" |"));
        md.append("\n|---|---|");
        examples.forEach(k -> md.append("---|"));
        md.append('\n');
        for (String model : models(rows)) {
            List<GridRow> own =
                    rows.stream().filter(r -> r.model().equals(model)).toList();
            for (int c : own.stream().map(GridRow::classes).distinct().sorted().toList()) {
                md.append("| ")
                        .append(model.equals("vae") ? "vae (no memory)" : model)
                        .append(" | ")
                        .append(model.equals("vae") ? "-" : Integer.toString(c))
                        .append(" |");
                for (int k : examples) {
                    Optional<GridRow> cell = own.stream()
                            .filter(r -> r.classes() == c && r.examples() == k)
                            .findFirst();
                    md.append(cell.map(r -> String.format(Locale.ROOT, " %.1f +- %.1f |", r.nll(), r.se()))
                            .orElse(" |"));
                }
                md.append('\n');
            }
        }
        for (String model : models(rows)) {
            GridRow any = rows.stream()
                    .filter(r -> r.model().equals(model))
                    .findFirst()
                    .orElseThrow();
            md.append(String.format(
                    Locale.ROOT,
                    "%s: K = %d samples per target, %d targets per cell. ",
                    model,
                    any.samples(),
                    any.targets()));
        }
        md.append("Target i of column k is the same drawing in every row and for every model.\n\n");
    }

    /**
     * Each memory model against the VAE on the same targets (target i of column k is the same drawing for every
     * model and row): the mean of the paired differences NLL(VAE) - NLL(model) with its standard error, which is
     * far smaller than the spread of NLL between characters.
     */
    private void pairedWithVae(StringBuilder md, Map<String, Map<Target, Double>> bounds) {
        Map<Target, Double> vae = bounds.get("vae");
        if (vae == null) {
            return;
        }
        md.append(
                "## Against the VAE on the same targets: NLL(VAE) - NLL(model), nats (paired mean +- standard error)\n\n");
        md.append("| model | C | k | gain over the VAE | targets |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<Target, Double>> model : bounds.entrySet()) {
            if (!model.getKey().equals("vae")) {
                gainRows(
                        md,
                        model.getKey(),
                        PairedGains.of(model.getValue(), vae, t -> new Target(1, t.examples(), t.index())));
            }
        }
        md.append('\n');
    }

    /**
     * Each model against the model of the same name in another results folder, target by target: what a change of
     * training (data, steps, settings) did, free of the spread between characters.
     */
    private void pairedWithOtherRun(StringBuilder md, Map<String, Map<Target, Double>> bounds) throws IOException {
        Map<String, Map<Target, Double>> before = TargetBounds.read(against);
        md.append(String.format(
                Locale.ROOT,
                "## Against %s on the same targets: NLL(there) - NLL(here), nats "
                        + "(paired mean +- standard error)%n%n",
                against));
        md.append("| model | C | k | gain over the other run | targets |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, Map<Target, Double>> model : bounds.entrySet()) {
            Map<Target, Double> other = before.get(model.getKey());
            if (other != null) {
                gainRows(md, model.getKey(), PairedGains.of(model.getValue(), other, UnaryOperator.identity()));
            }
        }
        md.append('\n');
        boolean any = false;
        for (Map.Entry<String, Map<Target, Double>> model : bounds.entrySet()) {
            Optional<PairedGains.Overall> all = PairedGains.overall(
                    model.getValue(), before.getOrDefault(model.getKey(), Map.of()), UnaryOperator.identity());
            if (all.isPresent()) {
                md.append(String.format(
                        Locale.ROOT,
                        "All cells, %s: %+.2f +- %.2f nats over %d targets, better on %d.%n",
                        model.getKey(),
                        all.get().mean(),
                        all.get().stdError(),
                        all.get().targets(),
                        all.get().better()));
                any = true;
            }
        }
        if (any) {
            md.append("(The +- of all cells counts every target as its own sample; the rows of one column share their "
                    + "drawings, so the true error is larger.)\n\n");
        }
    }

    private static void gainRows(StringBuilder md, String model, List<PairedGains.Gain> gains) {
        for (PairedGains.Gain g : gains) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %+.1f +- %.1f | %d |%n",
                    model,
                    g.classes(),
                    g.examples(),
                    g.mean(),
                    g.stdError(),
                    g.targets()));
        }
    }

    /** Figure 5A: NLL as classes are added, against the optimal reference NLL(C=1) + log C. */
    private void confounders(StringBuilder md, List<GridRow> rows) throws IOException {
        md.append("## Confounding classes (Figure 5A): NLL(C) - NLL(1) against log C\n\n");
        md.append(
                "| model | k | C | NLL(C) | NLL(1) + log C | excess over the reference (nats) |\n|---|---|---|---|---|---|\n");
        List<XYChart> charts = new ArrayList<>();
        for (String model : models(rows)) {
            if (model.equals("vae")) {
                continue;
            }
            XYChart chart = new XYChartBuilder()
                    .width(560)
                    .height(420)
                    .title(model + ": NLL vs classes in memory")
                    .xAxisTitle("C (classes in memory)")
                    .yAxisTitle("test NLL (nats)")
                    .build();
            chart.getStyler().setXAxisLogarithmic(true);
            for (int k : rows.stream()
                    .filter(r -> r.model().equals(model))
                    .map(GridRow::examples)
                    .distinct()
                    .sorted()
                    .toList()) {
                List<GridRow> line = rows.stream()
                        .filter(r -> r.model().equals(model) && r.examples() == k)
                        .sorted((a, b) -> Integer.compare(a.classes(), b.classes()))
                        .toList();
                Optional<GridRow> single =
                        line.stream().filter(r -> r.classes() == 1).findFirst();
                if (single.isEmpty() || line.size() < 2) {
                    continue;
                }
                double[] x = line.stream().mapToDouble(GridRow::classes).toArray();
                double[] y = line.stream().mapToDouble(GridRow::nll).toArray();
                double[] reference = line.stream()
                        .mapToDouble(r -> single.get().nll() + Math.log(r.classes()))
                        .toArray();
                XYSeries s = chart.addSeries("k=" + k, x, y);
                s.setMarker(SeriesMarkers.CIRCLE);
                XYSeries ref = chart.addSeries("k=" + k + " reference", x, reference);
                ref.setMarker(SeriesMarkers.NONE);
                ref.setLineStyle(SeriesLines.DASH_DASH);
                for (GridRow r : line) {
                    if (r.classes() > 1) {
                        double ref1 = single.get().nll() + Math.log(r.classes());
                        md.append(String.format(
                                Locale.ROOT,
                                "| %s | %d | %d | %.1f | %.1f | %+.1f |%n",
                                model,
                                k,
                                r.classes(),
                                r.nll(),
                                ref1,
                                r.nll() - ref1));
                    }
                }
            }
            charts.add(chart);
        }
        if (!charts.isEmpty()) {
            BitmapEncoder.saveBitmap(
                    charts,
                    1,
                    charts.size(),
                    results.path().resolve("confounders.png").toString(),
                    BitmapEncoder.BitmapFormat.PNG);
        }
        md.append('\n');
    }

    /** Figure 4B: KL(a) and KL(z) as examples per class grow, at one C. */
    private void klSplit(StringBuilder md, List<GridRow> rows) throws IOException {
        md.append(String.format(
                Locale.ROOT, "## KL split as examples per class grow (Figure 4B), C = %d%n%n", klClasses));
        md.append("| model | k | KL(a) | KL(z) | NLL |\n|---|---|---|---|---|\n");
        XYChart chart = new XYChartBuilder()
                .width(560)
                .height(420)
                .title("KL terms, C = " + klClasses)
                .xAxisTitle("examples per class in memory")
                .yAxisTitle("nats")
                .build();
        for (String model : models(rows)) {
            List<GridRow> line = rows.stream()
                    .filter(r -> r.model().equals(model) && r.classes() == klClasses)
                    .sorted((a, b) -> Integer.compare(a.examples(), b.examples()))
                    .toList();
            if (line.isEmpty()) {
                continue;
            }
            for (GridRow r : line) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.2f | %.2f | %.1f |%n",
                        model,
                        r.examples(),
                        r.klA(),
                        r.klZ(),
                        r.nll()));
            }
            double[] x = line.stream().mapToDouble(GridRow::examples).toArray();
            if (model.equals("vma")) {
                chart.addSeries(
                        model + " KL(a)",
                        x,
                        line.stream().mapToDouble(GridRow::klA).toArray());
            }
            chart.addSeries(
                    model + " KL(z)", x, line.stream().mapToDouble(GridRow::klZ).toArray());
        }
        if (!chart.getSeriesMap().isEmpty()) {
            BitmapEncoder.saveBitmap(
                    chart, results.path().resolve("kl-split.png").toString(), BitmapEncoder.BitmapFormat.PNG);
        }
        md.append('\n');
    }

    private void classification(StringBuilder md) throws IOException {
        Path csv = results.path().resolve("classification.csv");
        if (!Files.isRegularFile(csv)) {
            return;
        }
        md.append("## Few-shot classification of held-out characters\n\n");
        md.append("| ways | shots | from | episodes | accuracy | 95% interval |\n|---|---|---|---|---|---|\n");
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %.1f%% | +- %.1f |%n",
                    f[1],
                    f[2],
                    f[3],
                    f[4],
                    100 * Double.parseDouble(f[6]),
                    100 * Double.parseDouble(f[7])));
        }
        md.append('\n');
    }

    private static List<String> models(List<GridRow> rows) {
        return rows.stream().map(GridRow::model).distinct().toList();
    }
}
