package org.vmastream.model.scratch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

public class MmulBench2 {
    public static void main(String[] args) {
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1000000);
        INDArray wView = flat.get(NDArrayIndex.interval(1000, 1000 + 256 * 784)).reshape('c', 256, 784);
        INDArray w = wView.dup();
        INDArray a = Nd4j.rand(DataType.FLOAT, 128, 256);
        INDArray af = a.dup('f');
        INDArray cc = Nd4j.zeros(DataType.FLOAT, 128, 784);
        INDArray cf = Nd4j.create(DataType.FLOAT, new long[] {128, 784}, 'f');
        INDArray d = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray ones = Nd4j.ones(DataType.FLOAT, 128, 1);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 784);
        INDArray brow = Nd4j.zeros(DataType.FLOAT, 1, 784);
        MmulBench.time("gemm(a,w,cc) c out", () -> Nd4j.gemm(a, w, cc, false, false, 1.0, 0.0));
        MmulBench.time("gemm(a,wView,cc) c out", () -> Nd4j.gemm(a, wView, cc, false, false, 1.0, 0.0));
        MmulBench.time("gemm(a,w,cf) f out", () -> Nd4j.gemm(a, w, cf, false, false, 1.0, 0.0));
        MmulBench.time("gemm(af,w,cc)", () -> Nd4j.gemm(af, w, cc, false, false, 1.0, 0.0));
        MmulBench.time("gemm bias ones*b", () -> Nd4j.gemm(ones, bias, cc, false, false, 1.0, 0.0));
        MmulBench.time("gemm colsum ones^T d", () -> Nd4j.gemm(ones, d, brow, true, false, 1.0, 1.0));
        var l3 = Nd4j.getBlasWrapper().level3();
        MmulBench.time("l3 gemm(a,w,cc) c", () -> l3.gemm('c', 'N', 'N', 1.0, a, w, 0.0, cc));
        MmulBench.time("l3 gemm(a,wView,cc) c", () -> l3.gemm('c', 'N', 'N', 1.0, a, wView, 0.0, cc));
        MmulBench.time("l3 gemm bool api", () -> l3.gemm(a, wView, cc, false, false, 1.0, 0.0));
        float[] buf = new float[128 * 784];
        MmulBench.time("java relu mask loop", () -> { for (int i = 0; i < buf.length; i++) buf[i] = buf[i] > 0 ? buf[i] : 0; });
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 128, 784);
        INDArray dd = Nd4j.rand(DataType.FLOAT, 128, 784);
        MmulBench.time("step dup", () -> Transforms.step(d, true));
        MmulBench.time("step into mask via assign", () -> mask.assign(d.gt(0)));
        MmulBench.time("muli by boolean castTo", () -> dd.muli(d.gt(0).castTo(DataType.FLOAT)));
        MmulBench.time("sign into", () -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.same.Sign(d, mask)));
        MmulBench.time("sign(d) dup", () -> Transforms.sign(d, true));
        MmulBench.time("gt(0)", () -> d.gt(0));
        MmulBench.time("mul 128x784", () -> d.mul(cc));
        MmulBench.time("muli 128x784", () -> d.muli(1.0f));
        MmulBench.time("addi 128x784", () -> cc.addi(d));
        MmulBench.time("relu 128x784 dup", () -> Transforms.relu(d, true));
        MmulBench.time("exp 128x784 dup", () -> Transforms.exp(d, true));
        MmulBench.time("sum(1) 128x784", () -> d.sum(1));
        MmulBench.time("dup 128x784", () -> d.dup());
    }
}
