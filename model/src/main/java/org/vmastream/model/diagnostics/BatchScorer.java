package org.vmastream.model.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.model.Noise;
import org.vmastream.model.SampleScores;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bound.ImportanceWeights;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.Workspaces;

/**
 * Scores a batch of examples against one encoded memory: the K-sample bound and its diagnostics.
 * Large K is processed in chunks of samples so that memory use stays bounded; the bound over all K
 * samples is exact because log-sum-exp merges across chunks. A batch whose q(a|x) table (examples x
 * entries) would pass {@link #ADDRESS_CELLS_PER_PASS} is scored in slices of examples, so a large
 * memory bounds the rows per pass instead of exhausting the heap.
 *
 * <p>Uses the model's scoring pass ({@link VmaModel#score}) inside a workspace of its own, so
 * callers need none; every result is copied out before the workspace closes.
 */
public final class BatchScorer {
    private static final String WORKSPACE = "vma-batch-scorer";
    /**
     * Example x entry cells of q(a|x) one pass may hold: the pass keeps log q and q as doubles and
     * the scores as floats, so 2^22 cells is about 80 MB however large the memory grows.
     */
    static final long ADDRESS_CELLS_PER_PASS = 1L << 22;

    private final VmaModel model;
    private final int samples;
    private final int chunk;
    private final int topK;
    private final long addressCells;

    /**
     * @param model   the model; its parameters must not change while a score is computed
     * @param samples K per example
     * @param chunk   samples per example per pass (memory grows with batch * chunk)
     * @param topK    number of top addresses to report
     */
    public BatchScorer(VmaModel model, int samples, int chunk, int topK) {
        this(model, samples, chunk, topK, ADDRESS_CELLS_PER_PASS);
    }

    /** As the public constructor, with at most {@code addressCells} cells of q(a|x) per pass. */
    BatchScorer(VmaModel model, int samples, int chunk, int topK, long addressCells) {
        if (samples < 1 || chunk < 1 || topK < 0) {
            throw new IllegalArgumentException("samples and chunk must be positive and topK not negative: "
                    + samples + ", " + chunk + ", " + topK);
        }
        this.model = model;
        this.samples = samples;
        this.chunk = Math.min(chunk, samples);
        this.topK = topK;
        this.addressCells = addressCells;
    }

    /**
     * Scores without address groups (every {@link ExampleDiagnostics#bestGroup()} is -1).
     *
     * @param x      examples, B x dataDim
     * @param memory the encoded memory, or null for the memory-less model
     * @param random source of the sampling noise
     */
    public List<ExampleDiagnostics> score(INDArray x, MemoryEncoding memory, SplittableRandom random) {
        return scoreAll(x, memory, random, null);
    }

    /**
     * Scores and reports, per example, the group of entries with the largest total q(a|x).
     *
     * @param x      examples, B x dataDim
     * @param memory the encoded memory, or null for the memory-less model (no group is then reported)
     * @param random source of the sampling noise
     * @param groups a group (or -1) for every entry of {@code memory}
     * @throws IllegalArgumentException if {@code groups} does not cover exactly the memory's entries
     */
    public List<ExampleDiagnostics> score(INDArray x, MemoryEncoding memory, SplittableRandom random,
                                          AddressGroups groups) {
        Objects.requireNonNull(groups, "groups");
        if (memory != null && groups.entries() != memory.size()) {
            throw new IllegalArgumentException("groups are given for " + groups.entries()
                    + " entries but the memory has " + memory.size());
        }
        return scoreAll(x, memory, random, groups);
    }

    private List<ExampleDiagnostics> scoreAll(INDArray x, MemoryEncoding memory, SplittableRandom random,
                                              AddressGroups groups) {
        int batch = (int) x.rows();
        int slice = rowsPerPass(memory);
        if (batch <= slice) {
            return scoreSlice(x, memory, random, groups);
        }
        List<ExampleDiagnostics> out = new ArrayList<>(batch);
        for (int from = 0; from < batch; from += slice) {
            INDArray rows = x.get(NDArrayIndex.interval(from, Math.min(batch, from + slice)), NDArrayIndex.all());
            out.addAll(scoreSlice(rows, memory, random, groups));
        }
        return out;
    }

    /** How many examples one pass scores against {@code memory}. */
    private int rowsPerPass(MemoryEncoding memory) {
        return memory == null ? Integer.MAX_VALUE
                : (int) Math.max(1, Math.min(Integer.MAX_VALUE, addressCells / memory.size()));
    }

    private List<ExampleDiagnostics> scoreSlice(INDArray x, MemoryEncoding memory, SplittableRandom random,
                                                AddressGroups groups) {
        int batch = (int) x.rows();
        double[][] logW = new double[batch][samples];
        double[] reconstruction = new double[batch];
        double[] klLatent = new double[batch];
        SampleScores last = null;
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            for (int done = 0; done < samples; done += chunk) {
                int k = Math.min(chunk, samples - done);
                Noise noise = Noise.draw(random, batch * k, model.config().latentDim(), model.parameters().dataType());
                last = model.score(x, memory, k, noise);
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < k; j++) {
                        logW[b][done + j] = last.logWeight(b, j);
                        reconstruction[b] += last.reconstruction(b, j);
                        klLatent[b] += last.klLatent(b, j);
                    }
                }
            }
        }
        double[] match = memoryMatch(x, memory);
        AddressSummariser summariser = memory == null ? null : new AddressSummariser(memory.logPrior(), groups);
        double[] logQ = memory == null ? null : new double[memory.size()];
        double[] q = memory == null ? null : new double[memory.size()];
        List<ExampleDiagnostics> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            double bound = ImportanceWeights.bound(logW[b]);
            if (summariser == null) {
                out.add(new ExampleDiagnostics(bound, samples, reconstruction[b] / samples, 0, 0,
                        klLatent[b] / samples, List.of(), -1, Double.NaN, match[b]));
            } else {
                last.copyAddressing(b, logQ, q);
                AddressSummary summary = summariser.of(logQ, q);
                out.add(new ExampleDiagnostics(bound, samples, reconstruction[b] / samples, summary.kl(),
                        summary.entropy(), klLatent[b] / samples, AddressStatistics.top(logQ, topK),
                        summary.bestGroup(), summary.bestGroupMass(), match[b]));
            }
        }
        return out;
    }

    /** Each example's match in the memory's exemplars; NaN throughout when the memory holds none. */
    private double[] memoryMatch(INDArray x, MemoryEncoding memory) {
        int exemplars = memory == null || model.config().memory() != MemoryKind.EXEMPLAR ? 0
                : memory.size() - model.config().fallbackEntries();
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            return model.memoryMatch(x, memory, exemplars);
        }
    }

    /** What one example's q(a|x) says beyond its top entries. */
    private record AddressSummary(double kl, double entropy, int bestGroup, double bestGroupMass) {}

    /**
     * KL(q||p), H(q) and the heaviest group of an example's q(a|x), in one pass over the entries,
     * from the probabilities the scoring pass computed with log q (no exponential here).
     */
    private static final class AddressSummariser {
        private final double[] logPrior;
        private final int[] groupOf;
        private final double[] mass;
        private final boolean[] populated;

        AddressSummariser(double[] logPrior, AddressGroups groups) {
            this.logPrior = logPrior;
            this.groupOf = groups == null ? null : groups.groupOfEntry();
            this.mass = new double[groups == null ? 0 : groups.groups()];
            this.populated = new boolean[mass.length];
            for (int a = 0; groupOf != null && a < groupOf.length; a++) {
                if (groupOf[a] >= 0) {
                    populated[groupOf[a]] = true;
                }
            }
        }

        AddressSummary of(double[] logQ, double[] q) {
            double kl = 0;
            double entropy = 0;
            Arrays.fill(mass, 0);
            for (int a = 0; a < logQ.length; a++) {
                if (q[a] > 0) {
                    kl += q[a] * (logQ[a] - logPrior[a]);
                    entropy -= q[a] * logQ[a];
                    if (groupOf != null && groupOf[a] >= 0) {
                        mass[groupOf[a]] += q[a];
                    }
                }
            }
            int best = -1;
            for (int g = 0; g < mass.length; g++) {
                if (populated[g] && (best < 0 || mass[g] > mass[best])) {
                    best = g;
                }
            }
            return new AddressSummary(kl, entropy, best, best < 0 ? Double.NaN : mass[best]);
        }
    }
}
