package org.vmastream.model.label;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.MatrixOps;

/**
 * What the label head says about a batch.
 *
 * @param energy      per row, {@code -logsumexp} of the logits: high when no known label fits
 * @param best        per row, the index of the most probable label
 * @param probability per row, that label's softmax probability
 * @param features    per row, the unit-length penultimate features (B x {@value LabelHead#HIDDEN})
 */
public record HeadScores(double[] energy, int[] best, double[] probability, INDArray features) {
    /**
     * Each row's largest cosine to rows of {@code memoryFeatures} (unit rows, N x {@value LabelHead#HIDDEN}),
     * or NaN for an empty memory. One B x N product.
     */
    public double[] bestMatch(INDArray memoryFeatures) {
        int rows = (int) features.rows();
        double[] best = new double[rows];
        if (memoryFeatures == null || memoryFeatures.rows() == 0) {
            Arrays.fill(best, Double.NaN);
            return best;
        }
        INDArray cosines = MatrixOps.multiply(features, memoryFeatures, false, true);
        INDArray largest = HostView.viewable(cosines.max(1).reshape(1, rows));
        return HostView.rowValues(largest);
    }
}
