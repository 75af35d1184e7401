package org.vmastream.scorer.novelty;

import java.util.Arrays;
import org.vmastream.schemas.ReferenceScores;

/**
 * A memory set's novelty scale and p-values, from how its references scored against its memory
 * with one model version. Immutable.
 *
 * <p>Novelty adds terms, each in units of the references' interquartile range above their median,
 * so that none needs tuning per model or data. With a label head (a model version trained on
 * labelled exemplars): the head's energy (no known label fits) and the distance of its features to
 * the nearest memory exemplar's. Without one: the distance of the event's matching vector to its best
 * match in memory ({@code 1 - memoryMatch}) and the entropy of its address posterior q(a|x) (no entry
 * in particular explains it). In both cases the negative bound adds in its far tail only, above the
 * references' 99th percentile, where inputs from another domain land. None of these terms is
 * dominated by how complex an input is, as the bound is (docs/novelty.md has the measurements
 * behind this choice).
 *
 * <p>The p-value of a novelty is conformal: (1 + references at least as novel) / (1 + references),
 * so events exchangeable with the references get p <= r with probability at most r, whatever the
 * model.
 */
public final class NoveltyCalibration {
    /** Quantile of the references' negative bound beyond which the bound adds novelty. */
    static final double BOUND_TAIL = 0.99;
    /** Smallest spread used as a unit, so identical references do not divide by zero. */
    private static final double MIN_SPREAD = 1e-6;

    private final ReferenceScores references;
    private final boolean labelled;
    private final Scale first;
    private final Scale second;
    private final double boundTail;
    private final double boundSpread;
    private final double[] sortedNovelty;

    /** Median and interquartile range of one term over the references. */
    private record Scale(double centre, double spread) {
        static Scale of(double[] values) {
            double[] sorted = sorted(values);
            return new Scale(quantile(sorted, 0.5), NoveltyCalibration.spread(sorted));
        }

        double units(double value) {
            return (value - centre) / spread;
        }
    }

    private NoveltyCalibration(
            ReferenceScores references, boolean labelled, double[] first, double[] second, double[] negativeBound) {
        this.references = references;
        this.labelled = labelled;
        this.first = Scale.of(first);
        this.second = Scale.of(second);
        double[] sortedBound = sorted(negativeBound);
        this.boundTail = quantile(sortedBound, BOUND_TAIL);
        this.boundSpread = spread(sortedBound);
        double[] novelty = new double[first.length];
        for (int i = 0; i < novelty.length; i++) {
            novelty[i] = noveltyOf(first[i], second[i], negativeBound[i]);
        }
        Arrays.sort(novelty);
        this.sortedNovelty = novelty;
    }

    /**
     * Uses the label-head terms when the references carry them (every reference), the matching-space
     * terms otherwise.
     *
     * @param references the references' scores; those with a term that is not finite are left out
     */
    public static NoveltyCalibration of(ReferenceScores references) {
        int n = references.getBound().size();
        boolean labelled = references.getHeadEnergy() != null
                && references.getFeatureMatch() != null
                && references.getHeadEnergy().size() == n
                && references.getFeatureMatch().size() == n;
        double[] first = new double[n];
        double[] second = new double[n];
        double[] negativeBound = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double a = labelled
                    ? references.getHeadEnergy().get(i)
                    : 1 - references.getMemoryMatch().get(i);
            double b = labelled
                    ? 1 - references.getFeatureMatch().get(i)
                    : references.getAddressEntropy().get(i);
            double bound = references.getBound().get(i);
            if (Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(bound)) {
                first[kept] = a;
                second[kept] = b;
                negativeBound[kept] = -bound;
                kept++;
            }
        }
        return new NoveltyCalibration(
                references,
                labelled,
                Arrays.copyOf(first, kept),
                Arrays.copyOf(second, kept),
                Arrays.copyOf(negativeBound, kept));
    }

    /** The references' scores this calibration was built from. */
    public ReferenceScores references() {
        return references;
    }

    /** Number of references behind the p-values. */
    public int size() {
        return sortedNovelty.length;
    }

    /** Whether novelty is measured with the label head's terms (the references carry them). */
    public boolean labelled() {
        return labelled;
    }

    /**
     * @param event the event's scores; the label-head terms are read when this calibration is {@link #labelled()}
     * @return its novelty on this set's scale; NaN when a term it needs is not finite or there are no references
     */
    public double novelty(NoveltyTerms event) {
        double a = labelled ? event.headEnergy() : 1 - event.memoryMatch();
        double b = labelled ? 1 - event.featureMatch() : event.addressEntropy();
        if (size() == 0 || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(event.bound())) {
            return Double.NaN;
        }
        return noveltyOf(a, b, -event.bound());
    }

    /** The conformal p-value of a novelty: (1 + references at least as novel) / (1 + references). */
    public double pValue(double novelty) {
        int below = lowerBound(sortedNovelty, novelty);
        return (1.0 + sortedNovelty.length - below) / (1.0 + sortedNovelty.length);
    }

    private double noveltyOf(double a, double b, double negativeBound) {
        return first.units(a) + second.units(b) + Math.max(0, negativeBound - boundTail) / boundSpread;
    }

    /** Index of the first element >= value. */
    private static int lowerBound(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static double[] sorted(double[] values) {
        double[] out = values.clone();
        Arrays.sort(out);
        return out;
    }

    /** Linear-interpolated quantile {@code q} in [0, 1] of ascending {@code sorted} values; 0 for none. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static double spread(double[] sorted) {
        return Math.max(MIN_SPREAD, quantile(sorted, 0.75) - quantile(sorted, 0.25));
    }
}
