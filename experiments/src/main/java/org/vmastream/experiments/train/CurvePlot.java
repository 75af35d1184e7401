package org.vmastream.experiments.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code learning-curve.png}: the bound (left) and the KL terms (right) against the step. For
 * models with memory the KL chart adds KL(a) and log|M|, the ceiling KL(q(a|x) || p(a)) approaches
 * when the model learns to pick out single entries.
 */
public final class CurvePlot {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;

    private CurvePlot() {}

    /**
     * Writes the image (through a sibling file and a rename, so a reader never sees half a PNG).
     *
     * @param points        the learning curve; nothing is drawn while it is empty
     * @param memoryEntries |M| addressed, or 0 for a model without memory (no KL(a), no reference line)
     */
    public static void render(List<CurvePoint> points, int memoryEntries, Path png) {
        if (points.isEmpty()) {
            return;
        }
        double[] steps = column(points, p -> p.step());
        XYChart bound = chart("Training bound L_K", "nats");
        line(bound.addSeries("bound", steps, column(points, CurvePoint::bound)));
        XYChart kl = chart("KL terms", "nats");
        line(kl.addSeries("KL(z)", steps, column(points, CurvePoint::klLatent)));
        if (memoryEntries > 0) {
            line(kl.addSeries("KL(a)", steps, column(points, CurvePoint::klAddress)));
            double logM = Math.log(memoryEntries);
            XYSeries ceiling = kl.addSeries(
                    "log|M| = log " + memoryEntries,
                    new double[] {steps[0], steps[steps.length - 1]},
                    new double[] {logM, logM});
            line(ceiling).setLineStyle(SeriesLines.DASH_DASH);
        }
        try {
            Path temporary = png.resolveSibling(png.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(List.of(bound, kl), 1, 2, out, BitmapFormat.PNG);
            }
            Files.move(temporary, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the plot " + png, e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        return new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("step")
                .yAxisTitle(yTitle)
                .build();
    }

    private static XYSeries line(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    private static double[] column(List<CurvePoint> points, ToDoubleFunction<CurvePoint> value) {
        return points.stream().mapToDouble(value).toArray();
    }
}
