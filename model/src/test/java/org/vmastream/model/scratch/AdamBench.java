package org.vmastream.model.scratch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

public class AdamBench {
    public static void main(String[] args) {
        int p = 1_500_000;
        INDArray g = Nd4j.rand(DataType.FLOAT, p);
        INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * p);
        AdamUpdater u = new AdamUpdater(new Adam(3e-4));
        u.setStateViewArray(state, new long[] {p}, 'c', true);
        int[] it = {0};
        MmulBench.time("nd4j AdamUpdater 1.5M", () -> u.applyUpdater(g, it[0]++, 0));
        INDArray m = Nd4j.zeros(DataType.FLOAT, p);
        INDArray v = Nd4j.zeros(DataType.FLOAT, p);
        MmulBench.time("fused op updaters.AdamUpdater", () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(g, v, m, 3e-4, 0.9, 0.999, 1e-8, it[0]++)));
        MmulBench.time("muli 1.5M", () -> g.muli(1.0f));
        float[] gf = new float[p], mf = new float[p], vf = new float[p], w = new float[p];
        MmulBench.time("java adam loop 1.5M", () -> {
            for (int i = 0; i < p; i++) {
                float gi = gf[i];
                mf[i] = 0.9f * mf[i] + 0.1f * gi;
                vf[i] = 0.999f * vf[i] + 0.001f * gi * gi;
                w[i] -= 3e-4f * mf[i] / ((float) Math.sqrt(vf[i]) + 1e-8f);
            }
        });
    }
}
