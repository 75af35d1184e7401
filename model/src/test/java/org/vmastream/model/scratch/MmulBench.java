package org.vmastream.model.scratch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

public class MmulBench {
    static void time(String name, Runnable r) {
        for (int i = 0; i < 20; i++) r.run();
        int n = 200;
        long s = System.nanoTime();
        for (int i = 0; i < n; i++) r.run();
        double us = (System.nanoTime() - s) / 1e3 / n;
        System.out.printf("%-40s %8.1f us%n", name, us);
    }
    public static void main(String[] args) {
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1000000);
        INDArray wView = flat.get(NDArrayIndex.interval(1000, 1000 + 256 * 784)).reshape('c', 256, 784);
        INDArray w = wView.dup();
        INDArray a = Nd4j.rand(DataType.FLOAT, 128, 256);
        INDArray d = Nd4j.rand(DataType.FLOAT, 128, 784);
        INDArray gView = Nd4j.zeros(DataType.FLOAT, 1000000).get(NDArrayIndex.interval(1000, 1000 + 256 * 784)).reshape('c', 256, 784);
        INDArray g = gView.dup();
        System.out.println("view isView=" + wView.isView() + " ews=" + wView.elementWiseStride() + " order=" + wView.ordering() + " offset=" + wView.offset());
        time("a.mmul(w) plain", () -> a.mmul(w));
        time("a.mmul(wView)", () -> a.mmul(wView));
        time("gemm(a,wView) new", () -> Nd4j.gemm(a, wView, false, false));
        time("gemm dW plain a^T d", () -> Nd4j.gemm(a, d, g, true, false, 1.0, 1.0));
        time("gemm dW view a^T d", () -> Nd4j.gemm(a, d, gView, true, false, 1.0, 1.0));
        time("gemm dX d w^T plain", () -> Nd4j.gemm(d, w, false, true));
        time("gemm dX d wView^T", () -> Nd4j.gemm(d, wView, false, true));
        time("relu in place 128x784", () -> org.nd4j.linalg.ops.transforms.Transforms.relu(d, false));
        time("step 128x784", () -> org.nd4j.linalg.ops.transforms.Transforms.step(d));
        time("addiRowVector", () -> d.addiRowVector(Nd4j.zeros(DataType.FLOAT, 1, 784)));
        time("sum(true,0)", () -> d.sum(true, 0));
        time("zeros 128x784", () -> Nd4j.zeros(DataType.FLOAT, 128, 784));
        time("create float 128x784", () -> Nd4j.createUninitialized(DataType.FLOAT, 128, 784));
        time("repeat(0,4) 32x256", () -> a.get(NDArrayIndex.interval(0, 32), NDArrayIndex.all()).repeat(0, 4));
        time("pullRows 128 of 256x640", () -> Nd4j.pullRows(Nd4j.rand(DataType.FLOAT, 256, 640), 1, new int[128]));
    }
}
