package org.vmastream.experiments.novelty;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** {@code novelty-roc.png}: the ROC curve of every candidate on one protocol, with the chance line. */
public final class RocPlot {
    private RocPlot() {}

    /** Draws every candidate's ROC curve into {@code png}. */
    public static void render(Map<String, Roc> candidates, String title, Path png) {
        XYChart chart = new XYChartBuilder()
                .width(640)
                .height(560)
                .title(title)
                .xAxisTitle("false-positive rate")
                .yAxisTitle("true-positive rate")
                .build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        for (Map.Entry<String, Roc> c : candidates.entrySet()) {
            double[][] curve = c.getValue().curve();
            XYSeries series = chart.addSeries(
                    String.format(
                            Locale.ROOT,
                            "%s (AUROC %.3f)",
                            c.getKey(),
                            c.getValue().auroc()),
                    curve[0],
                    curve[1]);
            series.setMarker(SeriesMarkers.NONE);
        }
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineStyle(SeriesLines.DASH_DASH);
        try {
            Path temporary = png.resolveSibling(png.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG);
            }
            Files.move(temporary, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + png, e);
        }
    }
}
