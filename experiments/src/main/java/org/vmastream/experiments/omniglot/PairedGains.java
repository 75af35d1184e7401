package org.vmastream.experiments.omniglot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.vmastream.experiments.omniglot.TargetBounds.Target;

/**
 * A model's gain over a baseline on the same targets, cell by cell: the mean of L_K(model) - L_K(baseline), that is
 * NLL(baseline) - NLL(model), with its standard error. Pairing removes the spread between characters, which is far
 * larger than the differences between models.
 */
public final class PairedGains {
    private PairedGains() {}

    /**
     * The paired gain of one cell.
     *
     * @param classes  C
     * @param examples k
     * @param mean     mean gain in nats (positive: the model is better)
     * @param stdError standard error of the mean
     * @param targets  targets paired
     */
    public record Gain(int classes, int examples, double mean, double stdError, int targets) {}

    /**
     * Gains per cell, in order of C and then k; targets without a baseline bound are left out.
     *
     * @param model           the model's bounds
     * @param baseline        the baseline's bounds
     * @param baselineTarget  which baseline target pairs with a model target (the VAE, without memory, has one row)
     */
    public static List<Gain> of(
            Map<Target, Double> model, Map<Target, Double> baseline, UnaryOperator<Target> baselineTarget) {
        Map<Target, List<Double>> byCell = new TreeMap<>();
        differences(model, baseline, baselineTarget)
                .forEach((target, d) -> byCell.computeIfAbsent(
                                new Target(target.classes(), target.examples(), 0), c -> new ArrayList<>())
                        .add(d));
        List<Gain> gains = new ArrayList<>();
        for (Map.Entry<Target, List<Double>> cell : byCell.entrySet()) {
            List<Double> d = cell.getValue();
            gains.add(new Gain(cell.getKey().classes(), cell.getKey().examples(), mean(d), stdError(d), d.size()));
        }
        return gains;
    }

    /**
     * The paired gain over all targets of all cells, with how many of them the model won.
     *
     * @param mean     mean gain in nats (positive: the model is better)
     * @param stdError standard error of the mean, every target counted as its own sample (the rows of one column share
     *                 their drawings, so the true error is larger)
     * @param targets  targets paired
     * @param better   targets on which the model's bound is higher
     */
    public record Overall(double mean, double stdError, int targets, int better) {}

    /**
     * The gain over all paired targets at once; targets without a baseline bound are left out, and with none left
     * there is no gain.
     */
    public static Optional<Overall> overall(
            Map<Target, Double> model, Map<Target, Double> baseline, UnaryOperator<Target> baselineTarget) {
        List<Double> d =
                new ArrayList<>(differences(model, baseline, baselineTarget).values());
        if (d.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Overall(mean(d), stdError(d), d.size(), (int)
                d.stream().filter(v -> v > 0).count()));
    }

    private static Map<Target, Double> differences(
            Map<Target, Double> model, Map<Target, Double> baseline, UnaryOperator<Target> baselineTarget) {
        Map<Target, Double> d = new TreeMap<>();
        for (Map.Entry<Target, Double> entry : model.entrySet()) {
            Double reference = baseline.get(baselineTarget.apply(entry.getKey()));
            if (reference != null) {
                d.put(entry.getKey(), entry.getValue() - reference);
            }
        }
        return d;
    }

    private static double mean(List<Double> d) {
        return d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double stdError(List<Double> d) {
        double mean = mean(d);
        double variance = d.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / Math.max(1, d.size() - 1);
        return Math.sqrt(variance / d.size());
    }
}
