package org.vmastream.launcher.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.Workspaces;

/**
 * Compute-only scoring speed: the scorer's per-batch work (one pass of the K-sample bound with
 * every diagnostic, against a cached memory encoding), without Kafka, on random binary data of
 * MNIST's shape. Events per second = batch size / seconds per batch.
 */
final class ScoringBenchmark {
    private ScoringBenchmark() {
    }

    /**
     * Scores batches for {@code warmupSeconds} untimed, then times {@code batches} more.
     *
     * @param warmupSeconds how long to score before timing: the scoring loops reach their steady speed only
     *                      after the JIT has compiled them with a profile of many batches
     */
    static double eventsPerSecond(ModelConfig config, int memorySize, int samples, int batch, double warmupSeconds,
                                  int batches) {
        SplittableRandom random = new SplittableRandom(5);
        VmaModel model = VmaModel.initialise(config, 5);
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(RandomBinary.matrix(memorySize, config.memoryDim(), random)));
        int[] groups = new int[memorySize];
        for (int a = 0; a < memorySize; a++) {
            groups[a] = a % 10;
        }
        AddressGroups labels = new AddressGroups(groups, 10);
        INDArray x = RandomBinary.matrix(batch, config.dataDim(), random);
        BatchScorer scorer = new BatchScorer(model, samples, samples, 5);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            score(scorer, x, memory, random, labels);
        }
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            score(scorer, x, memory, random, labels);
        }
        return (double) batch * batches / ((System.nanoTime() - start) / 1e9);
    }

    /** As the scorer does it: inside a workspace, results copied out to Java objects. */
    private static void score(BatchScorer scorer, INDArray x, MemoryEncoding memory, SplittableRandom random,
                              AddressGroups labels) {
        try (MemoryWorkspace ignored = Workspaces.open("vma-bench-scoring")) {
            scorer.score(x, memory, random, labels);
        }
    }
}
