package org.vmastream.launcher.omniglot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.vmastream.launcher.omniglot.TargetBounds.Target;

/**
 * A model's gain over a baseline on the same targets, cell by cell: the mean of L_K(model) - L_K(baseline), that is
 * NLL(baseline) - NLL(model), with its standard error. Pairing removes the spread between characters, which is far
 * larger than the differences between models.
 */
final class PairedGains {
    private PairedGains() {
    }

    /**
     * The paired gain of one cell.
     *
     * @param classes  C
     * @param examples k
     * @param mean     mean gain in nats (positive: the model is better)
     * @param stdError standard error of the mean
     * @param targets  targets paired
     */
    record Gain(int classes, int examples, double mean, double stdError, int targets) {
    }

    /**
     * Gains per cell, in order of C and then k; targets without a baseline bound are left out.
     *
     * @param model           the model's bounds
     * @param baseline        the baseline's bounds
     * @param baselineTarget  which baseline target pairs with a model target (the VAE, without memory, has one row)
     */
    static List<Gain> of(Map<Target, Double> model, Map<Target, Double> baseline, UnaryOperator<Target> baselineTarget) {
        Map<Target, List<Double>> byCell = new TreeMap<>();
        for (Map.Entry<Target, Double> entry : model.entrySet()) {
            Double reference = baseline.get(baselineTarget.apply(entry.getKey()));
            if (reference != null) {
                Target cell = new Target(entry.getKey().classes(), entry.getKey().examples(), 0);
                byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(entry.getValue() - reference);
            }
        }
        List<Gain> gains = new ArrayList<>();
        for (Map.Entry<Target, List<Double>> cell : byCell.entrySet()) {
            List<Double> d = cell.getValue();
            double mean = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double variance = d.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, d.size() - 1);
            gains.add(new Gain(cell.getKey().classes(), cell.getKey().examples(), mean, Math.sqrt(variance / d.size()),
                    d.size()));
        }
        return gains;
    }
}
