package org.vmastream.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurveTest {
    @TempDir
    Path dir;

    @Test
    void rowsRoundTripThroughCsv() {
        CurvePoint point = new CurvePoint(300, -101.25, 2.5, 20.125, -80.5, 12.25);
        assertThat(CurvePoint.parse(point.csv())).isEqualTo(point);
    }

    @Test
    void resumingDropsRowsAfterTheCheckpoint() throws IOException {
        Path csv = dir.resolve("learning-curve.csv");
        LearningCurve first = LearningCurve.open(csv, 0);
        for (int step = 100; step <= 400; step += 100) {
            first.append(new CurvePoint(step, -step, 1, 2, 3, 4));
        }

        LearningCurve resumed = LearningCurve.open(csv, 200);

        assertThat(resumed.points()).extracting(CurvePoint::step).containsExactly(100L, 200L);
        assertThat(Files.readAllLines(csv)).hasSize(3).first().isEqualTo(CurvePoint.HEADER);
    }

    @Test
    void aFreshRunStartsAnEmptyCurve() throws IOException {
        Path csv = dir.resolve("learning-curve.csv");
        Files.writeString(csv, CurvePoint.HEADER + "\n100,1,1,1,1,1\n");

        assertThat(LearningCurve.open(csv, 0).points()).isEmpty();
        assertThat(Files.readAllLines(csv)).containsExactly(CurvePoint.HEADER);
    }
}
