package org.vmastream.experiments.train;

import java.util.function.BooleanSupplier;
import org.vmastream.model.train.StepMetrics;
import org.vmastream.model.train.VimcoTrainer;

/**
 * Runs training steps to a target, logging the curve every {@code logEvery} steps and saving every
 * {@code checkpointEvery} steps and when it stops, whether at the target or on request.
 */
public final class TrainingLoop {
    /** Steps the results table averages the training metrics over. */
    private static final int TRAILING_STEPS = 1000;

    private final Episodes episodes;
    private final RunOutputs outputs;
    private final int logEvery;
    private final int checkpointEvery;

    /**
     * @param episodes        where each step's targets and memory come from
     * @param outputs         the run's folder: checkpoint, learning curve, plots
     * @param logEvery        steps between progress lines
     * @param checkpointEvery steps between checkpoints
     */
    public TrainingLoop(Episodes episodes, RunOutputs outputs, int logEvery, int checkpointEvery) {
        this.episodes = episodes;
        this.outputs = outputs;
        this.logEvery = logEvery;
        this.checkpointEvery = checkpointEvery;
    }

    /**
     * @param trainer       the trainer, fresh or resumed
     * @param targetSteps   the step count to reach
     * @param stopRequested polled between steps; true ends the session early (with a checkpoint)
     */
    public TrainingOutcome run(VimcoTrainer trainer, long targetSteps, BooleanSupplier stopRequested) {
        TrailingMeans trailing = new TrailingMeans(TRAILING_STEPS);
        MetricWindow window = new MetricWindow();
        long sessionStart = System.nanoTime();
        long savedAt = trainer.steps();
        try (TrainingProgress progress = new TrainingProgress(trainer.steps(), targetSteps)) {
            while (trainer.steps() < targetSteps && !stopRequested.getAsBoolean()) {
                long stepStart = System.nanoTime();
                Episode episode = episodes.draw(trainer.steps());
                StepMetrics metrics = trainer.step(episode.targets(), episode.exemplars());
                double millis = (System.nanoTime() - stepStart) / 1e6;
                window.add(metrics, millis);
                trailing.add(metrics, millis);
                progress.update(metrics, millis);
                if (metrics.step() % logEvery == 0) {
                    outputs.curve().append(window.drain(metrics.step()));
                }
                if (metrics.step() % checkpointEvery == 0) {
                    outputs.save(trainer, secondsSince(sessionStart));
                    savedAt = metrics.step();
                }
            }
        }
        if (!window.isEmpty()) {
            outputs.curve().append(window.drain(trainer.steps()));
        }
        double sessionSeconds = secondsSince(sessionStart);
        if (savedAt != trainer.steps()) {
            outputs.save(trainer, sessionSeconds);
        }
        return new TrainingOutcome(
                trainer.steps(), outputs.totalSeconds(sessionSeconds), trailing.means(), trainer.steps() < targetSteps);
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
