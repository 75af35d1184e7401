package org.vmastream.experiments.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vmastream.model.train.StepMetrics;

/**
 * The progress bar of a training session (on stderr). Its message shows means over the last 50
 * steps: single batches are too noisy to read, and a moving average would drag the slow first
 * steps (JIT, workspace sizing) along for long. Updating only sets fields; the bar redraws itself
 * on its own thread.
 */
final class TrainingProgress implements AutoCloseable {
    private static final int SHOWN_STEPS = 50;

    private final ProgressBar bar;
    private final TrailingMeans recent = new TrailingMeans(SHOWN_STEPS);

    /**
     * @param from steps already done (a resumed run starts there)
     * @param to   the run's last step
     */
    TrainingProgress(long from, long to) {
        bar = new ProgressBarBuilder()
                .setTaskName("train")
                .setInitialMax(to)
                .startsFrom(from, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .build();
    }

    void update(StepMetrics metrics, double wallMillis) {
        recent.add(metrics, wallMillis);
        TrainMeans means = recent.means();
        bar.stepTo(metrics.step());
        bar.setExtraMessage(String.format(
                Locale.ROOT,
                "L=%.1f KL(a)=%.2f KL(z)=%.2f %.0fms/step",
                means.bound(),
                means.klAddress(),
                means.klLatent(),
                means.msPerStep()));
    }

    @Override
    public void close() {
        bar.close();
    }
}
