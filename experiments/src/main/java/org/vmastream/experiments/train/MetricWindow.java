package org.vmastream.experiments.train;

import org.vmastream.model.train.StepMetrics;

/** Sums step metrics until the next learning-curve row is due. */
public final class MetricWindow {
    private int count;
    private double bound;
    private double klAddress;
    private double klLatent;
    private double reconstruction;
    private double millis;

    /** @param wallMillis the step's wall time including drawing its data */
    public void add(StepMetrics metrics, double wallMillis) {
        count++;
        bound += metrics.bound();
        klAddress += metrics.klAddress();
        klLatent += metrics.klLatent();
        reconstruction += metrics.reconstruction();
        millis += wallMillis;
    }

    /** Whether no step was added since the window was last read. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** The window's means as a row ending at {@code step}; the window starts afresh. */
    public CurvePoint drain(long step) {
        CurvePoint point = new CurvePoint(
                step, bound / count, klAddress / count, klLatent / count, reconstruction / count, millis / count);
        count = 0;
        bound = klAddress = klLatent = reconstruction = millis = 0;
        return point;
    }
}
