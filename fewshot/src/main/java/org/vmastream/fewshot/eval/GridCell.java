package org.vmastream.fewshot.eval;

import java.util.List;
import java.util.Locale;

/**
 * Mean large-K results of one (classes in memory, examples per class) cell over its targets.
 *
 * @param classes         C, the classes in memory
 * @param examples        examples per class in memory
 * @param targets         targets evaluated
 * @param bound           mean L_K
 * @param boundStdError   standard error of the mean L_K
 * @param klAddress       mean KL(q(a|x) || p(a))
 * @param klLatent        mean KL(q(z|m_a,x) || p(z|m_a))
 * @param reconstruction  mean log p(x|z,m_a)
 * @param targetBounds    L_K of each target, in target order (target i is the same drawing in every row C)
 */
public record GridCell(
        int classes,
        int examples,
        int targets,
        double bound,
        double boundStdError,
        double klAddress,
        double klLatent,
        double reconstruction,
        double[] targetBounds) {
    /** CSV header matching {@link #csv(String, int)}. */
    public static final String HEADER =
            "model,classes,examples_per_class,memory_size,targets,k,bound,bound_se," + "nll,kl_a,kl_z,recon";

    /** Means over the targets' results. */
    public static GridCell of(int classes, int examples, List<TargetBound> bounds) {
        int n = bounds.size();
        double sum = 0;
        double sumSquares = 0;
        double klA = 0;
        double klZ = 0;
        double recon = 0;
        for (TargetBound b : bounds) {
            sum += b.bound();
            sumSquares += b.bound() * b.bound();
            klA += b.klAddress();
            klZ += b.klLatent();
            recon += b.reconstruction();
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (sumSquares - n * mean * mean) / (n - 1)) : 0;
        return new GridCell(
                classes,
                examples,
                n,
                mean,
                Math.sqrt(variance / n),
                klA / n,
                klZ / n,
                recon / n,
                bounds.stream().mapToDouble(TargetBound::bound).toArray());
    }

    /** One CSV row. */
    public String csv(String model, int samples) {
        return String.format(
                Locale.ROOT,
                "%s,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f",
                model,
                classes,
                examples,
                classes * examples,
                targets,
                samples,
                bound,
                boundStdError,
                -bound,
                klAddress,
                klLatent,
                reconstruction);
    }
}
