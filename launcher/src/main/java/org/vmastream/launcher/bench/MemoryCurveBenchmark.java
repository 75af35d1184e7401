package org.vmastream.launcher.bench;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.Workspaces;

/**
 * How exact scoring's cost grows with the memory size |M|: the time to build a memory's cached
 * encoding (what a scorer does for every new memory or model version), the memory it takes, and
 * compute-only scoring speed and batch latency against it, on random binary data of MNIST's shape.
 */
final class MemoryCurveBenchmark {
    /**
     * One memory size's measures.
     *
     * @param memorySize     |M|
     * @param buildMillis    time to encode the memory (the cache a scorer keeps per memory and model version)
     * @param heapBytes      Java heap in use with the memory and its encoding alive
     * @param residentBytes  the process's resident memory (heap and ND4J's native arrays), JavaCPP's count
     * @param eventsPerSecond compute-only scoring speed
     * @param batchMillis    time of one batch, what each of its events waits for its score
     */
    record Point(int memorySize, double buildMillis, long heapBytes, long residentBytes, double eventsPerSecond,
                 double batchMillis) {}

    private MemoryCurveBenchmark() {
    }

    /**
     * Encodes a memory of {@code memorySize} random entries, scores for {@code warmupSeconds}, then
     * times batches for at least {@code seconds} (and at least 3 batches).
     */
    static Point measure(ModelConfig config, int memorySize, int samples, int batch, double warmupSeconds,
                         double seconds) {
        SplittableRandom random = new SplittableRandom(5);
        VmaModel model = VmaModel.initialise(config, 5);
        INDArray entries = RandomBinary.matrix(memorySize, config.memoryDim(), random);
        long buildStart = System.nanoTime();
        MemoryEncoding memory = model.encodeMemory(model.memoryFor(entries));
        double buildMillis = (System.nanoTime() - buildStart) / 1e6;
        int[] groups = new int[memorySize];
        for (int a = 0; a < memorySize; a++) {
            groups[a] = a % 10;
        }
        AddressGroups labels = new AddressGroups(groups, 10);
        INDArray x = RandomBinary.matrix(batch, config.dataDim(), random);
        BatchScorer scorer = new BatchScorer(model, samples, samples, 5);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            score(scorer, x, memory, random, labels);
        } while (System.nanoTime() < warmupEnd);
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long residentBytes = Pointer.physicalBytes();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int batches = 0;
        while (batches < 3 || System.nanoTime() < end) {
            score(scorer, x, memory, random, labels);
            batches++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Point(memorySize, buildMillis, heap, residentBytes, (double) batch * batches / elapsed,
                elapsed * 1e3 / batches);
    }

    /** As the scorer does it: inside a workspace, results copied out to Java objects. */
    private static void score(BatchScorer scorer, INDArray x, MemoryEncoding memory, SplittableRandom random,
                              AddressGroups labels) {
        try (MemoryWorkspace ignored = Workspaces.open("vma-bench-curve")) {
            scorer.score(x, memory, random, labels);
        }
    }
}
