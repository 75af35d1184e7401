package org.vmastream.scorer.novelty;

import java.util.Arrays;
import org.vmastream.schemas.ReferenceScores;

/**
 * A memory set's novelty scale and p-values, from how its references scored against its memory
 * with one model version. Immutable.
 *
 * <p>Novelty adds three terms, each in units of the references' interquartile range, so that none
 * needs tuning per model or data: how far the event's distance to its best match in memory
 * ({@code 1 - memoryMatch}) lies above the references' median; how far the entropy of its address
 * posterior q(a|x) does (no entry in particular explains it); and how far its negative bound lies
 * above the references' 99th percentile, if it does. The first two carry the evidence for events of
 * a kind memory has not seen, and neither is dominated by how complex an input is, as the bound is;
 * the third adds only for inputs whose likelihood is outside anything the references showed, such
 * as inputs from another domain (docs/novelty.md has the measurements behind this choice).
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
    private final double distanceCentre;
    private final double distanceSpread;
    private final double entropyCentre;
    private final double entropySpread;
    private final double boundTail;
    private final double boundSpread;
    private final double[] sortedNovelty;

    private NoveltyCalibration(ReferenceScores references, double[] distance, double[] entropy, double[] negativeBound) {
        this.references = references;
        double[] sortedDistance = sorted(distance);
        double[] sortedEntropy = sorted(entropy);
        double[] sortedBound = sorted(negativeBound);
        this.distanceCentre = quantile(sortedDistance, 0.5);
        this.distanceSpread = spread(sortedDistance);
        this.entropyCentre = quantile(sortedEntropy, 0.5);
        this.entropySpread = spread(sortedEntropy);
        this.boundTail = quantile(sortedBound, BOUND_TAIL);
        this.boundSpread = spread(sortedBound);
        double[] novelty = new double[distance.length];
        for (int i = 0; i < novelty.length; i++) {
            novelty[i] = noveltyOf(distance[i], entropy[i], negativeBound[i]);
        }
        Arrays.sort(novelty);
        this.sortedNovelty = novelty;
    }

    /**
     * @param references the references' scores; those without a finite match, entropy or bound are left out
     */
    public static NoveltyCalibration of(ReferenceScores references) {
        int n = references.getBound().size();
        double[] distance = new double[n];
        double[] entropy = new double[n];
        double[] negativeBound = new double[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double match = references.getMemoryMatch().get(i);
            double h = references.getAddressEntropy().get(i);
            double bound = references.getBound().get(i);
            if (Double.isFinite(match) && Double.isFinite(h) && Double.isFinite(bound)) {
                distance[kept] = 1 - match;
                entropy[kept] = h;
                negativeBound[kept] = -bound;
                kept++;
            }
        }
        return new NoveltyCalibration(references, Arrays.copyOf(distance, kept), Arrays.copyOf(entropy, kept),
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

    /**
     * @param memoryMatch    the event's {@code memoryMatch}
     * @param addressEntropy the entropy of its q(a|x), in nats
     * @param bound          the event's bound, in nats
     * @return its novelty on this set's scale; NaN when an input is not finite or there are no references
     */
    public double novelty(double memoryMatch, double addressEntropy, double bound) {
        if (size() == 0 || !Double.isFinite(memoryMatch) || !Double.isFinite(addressEntropy) || !Double.isFinite(bound)) {
            return Double.NaN;
        }
        return noveltyOf(1 - memoryMatch, addressEntropy, -bound);
    }

    /** The conformal p-value of a novelty: (1 + references at least as novel) / (1 + references). */
    public double pValue(double novelty) {
        int below = lowerBound(sortedNovelty, novelty);
        return (1.0 + sortedNovelty.length - below) / (1.0 + sortedNovelty.length);
    }

    private double noveltyOf(double distance, double entropy, double negativeBound) {
        return (distance - distanceCentre) / distanceSpread + (entropy - entropyCentre) / entropySpread
                + Math.max(0, negativeBound - boundTail) / boundSpread;
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
