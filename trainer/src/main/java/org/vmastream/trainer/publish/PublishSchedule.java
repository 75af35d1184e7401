package org.vmastream.trainer.publish;

import java.time.Duration;

/**
 * When the next checkpoint is due: after {@code everySteps} steps or {@code interval} of time since
 * the last attempt, whichever comes first, and never without a new step. Counting from attempts
 * rather than successes keeps a failing broker from being retried (and waited for) every step.
 */
public final class PublishSchedule {
    private final long everySteps;
    private final long intervalNanos;
    private long attemptedSteps;
    private long attemptedAt;

    /**
     * @param everySteps  steps between publications (at least 1)
     * @param interval    longest time between publications while steps are being made
     * @param steps       the step count at start
     * @param nanoTime    now, from {@link System#nanoTime()}
     */
    public PublishSchedule(long everySteps, Duration interval, long steps, long nanoTime) {
        if (everySteps < 1) {
            throw new IllegalArgumentException("publish every " + everySteps + " steps: must be at least 1");
        }
        this.everySteps = everySteps;
        this.intervalNanos = interval.toNanos();
        this.attemptedSteps = steps;
        this.attemptedAt = nanoTime;
    }

    /** Whether to publish now, at {@code steps} steps. */
    public boolean due(long steps, long nanoTime) {
        return steps - attemptedSteps >= everySteps
                || (steps > attemptedSteps && nanoTime - attemptedAt >= intervalNanos);
    }

    /** Records a publication attempt, successful or not. */
    public void attempted(long steps, long nanoTime) {
        attemptedSteps = steps;
        attemptedAt = nanoTime;
    }
}
