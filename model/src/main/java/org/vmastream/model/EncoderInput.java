package org.vmastream.model;

import java.util.function.IntUnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.RowParallel;

/**
 * The encoder's first-layer pre-activation per sample row n = b * K + k: its example's projection
 * plus, with memory, the first h1 values of its entry's contributions. One pass that writes each
 * row once, instead of repeating the projection K times and adding a gathered copy. Shared by the
 * training and the scoring pass, which keep their entries' rows in different places.
 */
final class EncoderInput {
    private EncoderInput() {}

    /**
     * @param projected  the examples' first-layer projections, B x (at least from + h1)
     * @param from       first column of the encoder's part in {@code projected}
     * @param entries    the array holding every sample's entry row, or null without memory
     * @param entryStart flat index in {@code entries} of sample row n's first value
     */
    static INDArray build(
            DataType dataType,
            int h1,
            INDArray projected,
            int from,
            int samples,
            INDArray entries,
            IntUnaryOperator entryStart) {
        int rows = (int) projected.rows() * samples;
        INDArray pre = Nd4j.createUninitialized(dataType, rows, h1);
        RowParallel.inParallel(rows, (first, end) -> {
            HostView out = HostView.of(pre);
            HostView examples = HostView.ofRows(projected);
            int exampleStride = HostView.rowStride(projected);
            HostView entryValues = entries == null ? null : HostView.ofRows(entries);
            double[] example = new double[h1];
            double[] row = new double[h1];
            for (int n = first; n < end; n++) {
                if (n == first || n % samples == 0) {
                    examples.get((n / samples) * exampleStride + from, example, h1);
                }
                if (entryValues == null) {
                    out.put(n * h1, example, h1);
                    continue;
                }
                entryValues.get(entryStart.applyAsInt(n), row, h1);
                for (int j = 0; j < h1; j++) {
                    row[j] += example[j];
                }
                out.put(n * h1, row, h1);
            }
        });
        return pre;
    }
}
