package org.vmastream.model.scratch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bench.SgemmProbe;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

public class QuickBench {
    public static void main(String[] args) {
        boolean ws = args.length > 0 && args[0].equals("ws");
        System.out.println("sgemm GFLOP/s " + SgemmProbe.gflops(1024, 10));
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(0)
                .policyLearning(LearningPolicy.FIRST_LOOP).policyAllocation(AllocationPolicy.OVERALLOCATE).build();
        for (int m : new int[] {32, 256, 32, 256}) {
            VmaModel model = VmaModel.initialise(ModelConfig.mnistExemplar(0), 1);
            VimcoTrainer t = new VimcoTrainer(model, TrainingConfig.paper(1));
            var x = Nd4j.rand(DataType.FLOAT, 32, 784).gt(0.7).castTo(DataType.FLOAT);
            var mem = Nd4j.rand(DataType.FLOAT, m, 784).gt(0.7).castTo(DataType.FLOAT);
            Runnable step = () -> {
                if (ws) {
                    {
                        t.step(x, mem);
                    }
                } else {
                    t.step(x, mem);
                }
            };
            for (int i = 0; i < 20; i++) step.run();
            long s = System.nanoTime();
            int n = 100;
            for (int i = 0; i < n; i++) step.run();
            System.out.printf("M=%d ms/step %.2f%n", m, (System.nanoTime() - s) / 1e6 / n);
        }
    }
}
