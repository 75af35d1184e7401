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
 * Compute-only scoring speed: the scorer's per-batch work (one pass of the K-sample bound with
 * every diagnostic, against a cached memory encoding), without Kafka, on random binary data of
 * MNIST's shape. Events per second = batch size / seconds per batch.
 */
final class ScoringBenchmark {
    /**
     * How one memory size costs, for the curve over |M|.
     *
     * @param memorySize      |M|
     * @param buildMillis     time to encode the memory (the cache a scorer keeps per memory and model version)
     * @param heapBytes       Java heap in use with the memory and its encoding alive
     * @param residentBytes   the process's resident memory (heap and ND4J's native arrays), JavaCPP's count
     * @param eventsPerSecond compute-only scoring speed
     * @param batchMillis     time of one batch, what each of its events waits for its score
     */
    record Point(int memorySize, double buildMillis, long heapBytes, long residentBytes, double eventsPerSecond,
                 double batchMillis) {}

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
        Fixture fixture = Fixture.of(config, memorySize, samples, batch);
        fixture.scoreFor(warmupSeconds);
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            fixture.score();
        }
        return (double) batch * batches / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Encodes a memory of {@code memorySize} random entries, scores for {@code warmupSeconds}, then
     * times batches for at least {@code seconds} (and at least 3 batches).
     */
    static Point curvePoint(ModelConfig config, int memorySize, int samples, int batch, double warmupSeconds,
                            double seconds) {
        Fixture fixture = Fixture.of(config, memorySize, samples, batch);
        fixture.scoreFor(warmupSeconds);
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long resident = Pointer.physicalBytes();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int batches = 0;
        while (batches < 3 || System.nanoTime() < end) {
            fixture.score();
            batches++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Point(memorySize, fixture.buildMillis(), heap, resident, (double) batch * batches / elapsed,
                elapsed * 1e3 / batches);
    }

    /** A model, a cached memory of random entries in ten label groups, and a batch of random events. */
    private record Fixture(BatchScorer scorer, INDArray x, MemoryEncoding memory, SplittableRandom random,
                           AddressGroups labels, double buildMillis) {
        static Fixture of(ModelConfig config, int memorySize, int samples, int batch) {
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
            INDArray x = RandomBinary.matrix(batch, config.dataDim(), random);
            return new Fixture(new BatchScorer(model, samples, samples, 5), x, memory, random,
                    new AddressGroups(groups, 10), buildMillis);
        }

        void scoreFor(double seconds) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            do {
                score();
            } while (System.nanoTime() < end);
        }

        /** As the scorer does it: inside a workspace, results copied out to Java objects. */
        void score() {
            try (MemoryWorkspace ignored = Workspaces.open("vma-bench-scoring")) {
                scorer.score(x, memory, random, labels);
            }
        }
    }
}
