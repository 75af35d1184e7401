package org.vmastream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.diagnostics.AddressGroups;
import org.vmastream.model.diagnostics.AddressStatistics;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.TopAddress;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.Workspaces;

/**
 * Compute-only scoring speed: the scorer's per-batch work (one pass of the K-sample bound with
 * every diagnostic, against a cached memory encoding), without Kafka, on random binary data of
 * MNIST's shape. Events per second = batch size / seconds per batch.
 */
public final class ScoringBenchmark {
    /**
     * How one memory size costs, for the curve over |M|.
     *
     * @param memorySize      |M|
     * @param buildMillis     time to encode the memory (the cache a scorer keeps per memory and model version)
     * @param heapBytes       Java heap in use with the memory and its encoding alive
     * @param residentBytes   the process's resident memory (heap and ND4J's native arrays), JavaCPP's count
     * @param eventsPerSecond compute-only scoring speed
     * @param batchMillis     mean time of one batch, what each of its events waits for its score
     * @param batchP99Millis  99th percentile of the batch times
     * @param indexMillis     of {@code buildMillis}, the time to build the key index (0 when exact)
     * @param recall          the share of each event's exact top {@code candidates} entries under q that the
     *                        index returned, over the benchmark batch (1 when exact)
     */
    public record Point(
            int memorySize,
            double buildMillis,
            long heapBytes,
            long residentBytes,
            double eventsPerSecond,
            double batchMillis,
            double batchP99Millis,
            double indexMillis,
            double recall) {}

    private ScoringBenchmark() {}

    /**
     * Scores batches for {@code warmupSeconds} untimed, then times {@code batches} more.
     *
     * @param warmupSeconds how long to score before timing: the scoring loops reach their steady speed only
     *                      after the JIT has compiled them with a profile of many batches
     * @param labelHead     whether each batch also runs a label head of ten labels and matches its features
     *                      against the memory's, as the scorer does for a model version that has one
     */
    public static double eventsPerSecond(
            ModelConfig config,
            int memorySize,
            int samples,
            int batch,
            double warmupSeconds,
            int batches,
            boolean labelHead) {
        Fixture fixture = Fixture.of(config, memorySize, samples, batch, 0, null);
        if (labelHead) {
            fixture = fixture.withHead();
        }
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
     *
     * @param candidates 0 for exact scoring; else the candidates per event of truncated addressing
     *                   through a key index built with {@code index}
     */
    public static Point curvePoint(
            ModelConfig config,
            int memorySize,
            int samples,
            int batch,
            double warmupSeconds,
            double seconds,
            int candidates,
            KeyIndex.Settings index) {
        Fixture fixture = Fixture.of(config, memorySize, samples, batch, candidates, index);
        double recall = candidates == 0 ? 1 : fixture.recall(candidates);
        fixture.scoreFor(warmupSeconds);
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long resident = Pointer.physicalBytes();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        List<Double> times = new ArrayList<>();
        while (times.size() < 3 || System.nanoTime() < end) {
            long batchStart = System.nanoTime();
            fixture.score();
            times.add((System.nanoTime() - batchStart) / 1e6);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Collections.sort(times);
        double p99 = times.get(Math.min(times.size() - 1, (int) Math.ceil(0.99 * times.size()) - 1));
        return new Point(
                memorySize,
                fixture.buildMillis(),
                heap,
                resident,
                (double) batch * times.size() / elapsed,
                elapsed * 1e3 / times.size(),
                p99,
                fixture.indexMillis(),
                recall);
    }

    /**
     * A model, a cached memory of random entries in ten label groups, and a batch of random events;
     * with a truncation, the memory holds keys only and the index over them.
     */
    private record Fixture(
            VmaModel model,
            BatchScorer scorer,
            INDArray x,
            MemoryEncoding memory,
            SplittableRandom random,
            AddressGroups labels,
            double buildMillis,
            double indexMillis,
            TruncatedAddressing truncation,
            LabelHead head,
            INDArray headFeatures) {
        /** Entries embedded per slice when only keys are encoded. */
        private static final int KEY_SLICE = 16384;

        static Fixture of(
                ModelConfig config, int memorySize, int samples, int batch, int candidates, KeyIndex.Settings index) {
            SplittableRandom random = new SplittableRandom(5);
            VmaModel model = VmaModel.initialise(config, 5);
            INDArray entries = RandomBinary.matrix(memorySize, config.memoryDim(), random);
            long buildStart = System.nanoTime();
            MemoryEncoding memory;
            TruncatedAddressing truncation = null;
            double indexMillis = 0;
            if (candidates == 0) {
                memory = model.encodeMemory(model.memoryFor(entries));
            } else {
                memory = model.encodeKeys(model.memoryFor(entries), KEY_SLICE);
                long indexStart = System.nanoTime();
                truncation = new TruncatedAddressing(
                        KeyIndex.build(
                                memory.keys().transformed().toFloatMatrix(),
                                config.embeddingDim(),
                                index,
                                Runtime.getRuntime().availableProcessors()),
                        candidates);
                indexMillis = (System.nanoTime() - indexStart) / 1e6;
            }
            double buildMillis = (System.nanoTime() - buildStart) / 1e6;
            int[] groups = new int[memorySize];
            for (int a = 0; a < memorySize; a++) {
                groups[a] = a % 10;
            }
            INDArray x = RandomBinary.matrix(batch, config.dataDim(), random);
            return new Fixture(
                    model,
                    new BatchScorer(model, samples, samples, 5),
                    x,
                    memory,
                    random,
                    new AddressGroups(groups, 10),
                    buildMillis,
                    indexMillis,
                    truncation,
                    null,
                    null);
        }

        /** This fixture with a label head over ten labels, and the head features of the memory's entries. */
        Fixture withHead() {
            List<String> names = new ArrayList<>();
            for (int l = 0; l < 10; l++) {
                names.add(String.valueOf(l));
            }
            LabelHead labelHead = LabelHead.initialise((int) x.columns(), names, 5);
            INDArray entries = RandomBinary.matrix(memory.size(), (int) x.columns(), new SplittableRandom(6));
            return new Fixture(
                    model,
                    scorer,
                    x,
                    memory,
                    random,
                    labels,
                    buildMillis,
                    indexMillis,
                    truncation,
                    labelHead,
                    labelHead.features(entries));
        }

        /**
         * The share of the exact top {@code count} entries of each event's q(a|x) that the index returns,
         * over the batch: the exact ranking is one product of the queries with every key.
         */
        double recall(int count) {
            INDArray queries = model.addressQueries(x);
            INDArray logits = queries.mmul(memory.keys().transformed().transpose());
            float[][] unit = queries.divColumnVector(queries.norm2(1).reshape(queries.rows(), 1))
                    .toFloatMatrix();
            int found = 0;
            int asked = 0;
            for (int b = 0; b < unit.length; b++) {
                Set<Integer> exact = new HashSet<>();
                for (TopAddress a : AddressStatistics.top(logits.getRow(b).toDoubleVector(), count)) {
                    exact.add(a.index());
                }
                for (int a : truncation.search().nearest(unit[b], count)) {
                    found += exact.contains(a) ? 1 : 0;
                }
                asked += exact.size();
            }
            return found / (double) asked;
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
                if (truncation == null) {
                    scorer.score(x, memory, random, labels);
                } else {
                    scorer.score(x, memory, random, labels, truncation);
                }
                if (head != null) {
                    head.score(x).bestMatch(headFeatures);
                }
            }
        }
    }
}
