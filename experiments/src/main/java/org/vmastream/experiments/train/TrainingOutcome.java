package org.vmastream.experiments.train;

/**
 * How a training session ended.
 *
 * @param steps       the run's step count now
 * @param wallSeconds training wall time of the whole run, earlier sessions included
 * @param trainMeans  metrics over the session's last (up to 1000) steps
 * @param interrupted whether it stopped before its last step (Ctrl-C)
 */
public record TrainingOutcome(long steps, double wallSeconds, TrainMeans trainMeans, boolean interrupted) {}
