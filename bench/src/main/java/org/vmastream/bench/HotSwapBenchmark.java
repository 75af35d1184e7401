package org.vmastream.bench;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.nn.Workspaces;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.scorer.cache.AddressableMemory;
import org.vmastream.scorer.cache.MemoryCache;
import org.vmastream.scorer.cache.TruncationPolicy;
import org.vmastream.scorer.model.ServingModel;

/**
 * A model hot swap on a memory set scored through a key index, as the scorer's cache does it: the
 * new version's keys and index are built in the background while the previous version keeps
 * scoring. Measures compute-only scoring speed before and during the rebuild, and how long until
 * the new version serves.
 */
public final class HotSwapBenchmark {
    private static final String SET = "bench";

    /**
     * @param firstBuildSeconds  time to encode the set for the first version (on the calling thread)
     * @param steadyEventsPerSecond scoring speed with no rebuild running
     * @param duringEventsPerSecond scoring speed while the new version's encoding is built
     * @param secondsToServe     from the new version's arrival until the set scores with it
     */
    public record Result(
            double firstBuildSeconds,
            double steadyEventsPerSecond,
            double duringEventsPerSecond,
            double secondsToServe) {}

    private HotSwapBenchmark() {}

    /** Measures one swap: scoring before it, during the new version's rebuild, and the time until it serves. */
    public static Result run(
            ModelConfig config, int size, int batch, int candidates, KeyIndex.Settings index, double steadySeconds) {
        SplittableRandom random = new SplittableRandom(5);
        MemorySnapshot snapshot = snapshot(size, config.memoryDim(), random);
        MemorySetState state = MemorySetState.newBuilder()
                .setMemorySet(SET)
                .setSize(size)
                .setDimension(config.memoryDim())
                .setNextSequence(size)
                .setVersion(1)
                .setOffered(size)
                .setEvicted(0)
                .build();
        MemoryCache cache = new MemoryCache(2, new TruncationPolicy(Math.max(1, size - 1), candidates, index));
        ServingModel first = new ServingModel(1, VmaModel.initialise(config, 5));
        ServingModel second = new ServingModel(2, VmaModel.initialise(config, 6));
        INDArray x = RandomBinary.matrix(batch, config.dataDim(), random);

        long start = System.nanoTime();
        AddressableMemory memory = cache.get(SET, state, first, set -> snapshot);
        double firstBuild = (System.nanoTime() - start) / 1e9;

        BatchScorer scorer = new BatchScorer(memory.model().model(), 4, 4, 5);
        long events = 0;
        start = System.nanoTime();
        long end = start + (long) (steadySeconds * 1e9);
        while (System.nanoTime() < end || events == 0) {
            score(scorer, x, memory, random);
            events += batch;
        }
        double steady = events / ((System.nanoTime() - start) / 1e9);

        long swap = System.nanoTime();
        events = 0;
        while (true) {
            AddressableMemory current = cache.get(SET, state, second, set -> snapshot);
            if (current.modelVersion() == second.version()) {
                break;
            }
            score(scorer, x, current, random);
            events += batch;
        }
        double toServe = (System.nanoTime() - swap) / 1e9;
        // Events scored over the whole wait: what a stream of events gets while the rebuild runs.
        double during = events == 0 ? Double.NaN : events / toServe;
        return new Result(firstBuild, steady, during, toServe);
    }

    private static void score(BatchScorer scorer, INDArray x, AddressableMemory memory, SplittableRandom random) {
        try (MemoryWorkspace ignored = Workspaces.open("vma-bench-hot-swap")) {
            scorer.score(x, memory.encoding(), random, memory.groups(), memory.truncation());
        }
    }

    private static MemorySnapshot snapshot(int size, int dimension, SplittableRandom random) {
        String[] ids = new String[size];
        String[] labels = new String[size];
        float[] values = new float[size * dimension];
        for (int i = 0; i < size; i++) {
            ids[i] = "m" + i;
            labels[i] = String.valueOf(i % 10);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new MemorySnapshot(SET, 1, dimension, ids, labels, values);
    }
}
