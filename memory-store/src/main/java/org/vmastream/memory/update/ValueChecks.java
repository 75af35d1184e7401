package org.vmastream.memory.update;

import java.util.List;
import org.vmastream.schemas.FloatValues;

/**
 * Checks shared by exemplars and events: the shape agrees with the data, the size is bounded, and
 * every value is a finite number in [0, 1] (the model's Bernoulli likelihood reads values as
 * probabilities of ink).
 */
public final class ValueChecks {
    private ValueChecks() {}

    /** @return null when the values are acceptable, else the reason in a sentence */
    public static String problem(List<Integer> shape, List<Float> data, int maxValues) {
        if (data.isEmpty()) {
            return "has no values";
        }
        if (data.size() > maxValues) {
            return "has " + data.size() + " values, more than the limit of " + maxValues;
        }
        long product = 1;
        for (int extent : shape) {
            if (extent < 1) {
                return "has a non-positive extent in its shape " + shape;
            }
            product *= extent;
        }
        if (shape.isEmpty() || product != data.size()) {
            return "has shape " + shape + " but " + data.size() + " values";
        }
        for (int i = 0; i < data.size(); i++) {
            float v = FloatValues.at(data, i);
            if (!Float.isFinite(v)) {
                return "has a non-finite value (" + v + ") at index " + i;
            }
            if (v < 0f || v > 1f) {
                return "has value " + v + " at index " + i + " outside [0, 1]";
            }
        }
        return null;
    }
}
