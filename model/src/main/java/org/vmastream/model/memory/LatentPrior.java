package org.vmastream.model.memory;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.nn.HostView;

/**
 * p(z|m_a) of every entry as plain arrays, entry-major ({@code a * latent + j}): mean, log-variance
 * and precision. Part of a memory's encoding, so that scoring reads each entry's prior instead of
 * exponentiating (and allocating) it again for every batch.
 *
 * @param mean        means of p(z|m_a)
 * @param logVariance log-variances of p(z|m_a)
 * @param precision   exp(-log-variance)
 */
public record LatentPrior(double[] mean, double[] logVariance, double[] precision) {

    /**
     * Reads the prior of every entry from columns [from, from + 2 latent) of a row table: the means,
     * then the log-variances.
     */
    public static LatentPrior fromRowTable(INDArray rowTable, int from, int latent) {
        INDArray rows = HostView.viewable(rowTable);
        int size = (int) rows.rows();
        int width = (int) rows.columns();
        LatentPrior prior =
                new LatentPrior(new double[size * latent], new double[size * latent], new double[size * latent]);
        HostView view = HostView.of(rows);
        double[] row = new double[2 * latent];
        for (int a = 0; a < size; a++) {
            view.get(a * width + from, row, 2 * latent);
            for (int j = 0; j < latent; j++) {
                prior.mean[a * latent + j] = row[j];
                prior.logVariance[a * latent + j] = row[latent + j];
                prior.precision[a * latent + j] = Math.exp(-row[latent + j]);
            }
        }
        return prior;
    }
}
