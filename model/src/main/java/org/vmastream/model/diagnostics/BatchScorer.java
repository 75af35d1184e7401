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
import org.vmastream.model.addressing.TruncatedAddressing;
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
 * <p>With a {@link TruncatedAddressing}, q(a|x) is over each example's candidate entries only, the
 * diagnostics of the address (KL, entropy, top entries, best group) are those of that truncated q,
 * and the memory match is found through the same search; see {@link ExampleDiagnostics#truncated()}.
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
            throw new IllegalArgumentException("samples and chunk must be positive and topK not negative: " + samples
                    + ", " + chunk + ", " + topK);
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
    public List<ExampleDiagnostics> score(
            INDArray x, MemoryEncoding memory, SplittableRandom random, AddressGroups groups) {
        Objects.requireNonNull(groups, "groups");
        if (memory != null && groups.entries() != memory.size()) {
            throw new IllegalArgumentException(
                    "groups are given for " + groups.entries() + " entries but the memory has " + memory.size());
        }
        return scoreAll(x, memory, random, groups);
    }

    /**
     * Scores through the top entries of q(a|x) that {@code truncation} finds, for a memory too large
     * to address exactly.
     *
     * @param x          examples, B x dataDim
     * @param memory     the encoded memory (keys and prior are enough, {@link VmaModel#encodeKeys})
     * @param random     source of the sampling noise
     * @param groups     a group (or -1) for every entry of {@code memory}, or null for none
     * @param truncation the candidate search and how many candidates per example
     */
    public List<ExampleDiagnostics> score(
            INDArray x,
            MemoryEncoding memory,
            SplittableRandom random,
            AddressGroups groups,
            TruncatedAddressing truncation) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(truncation, "truncation");
        if (groups != null && groups.entries() != memory.size()) {
            throw new IllegalArgumentException(
                    "groups are given for " + groups.entries() + " entries but the memory has " + memory.size());
        }
        return scoreAll(x, memory, random, groups, truncation);
    }

    private List<ExampleDiagnostics> scoreAll(
            INDArray x, MemoryEncoding memory, SplittableRandom random, AddressGroups groups) {
        return scoreAll(x, memory, random, groups, null);
    }

    private List<ExampleDiagnostics> scoreAll(
            INDArray x,
            MemoryEncoding memory,
            SplittableRandom random,
            AddressGroups groups,
            TruncatedAddressing truncation) {
        int batch = (int) x.rows();
        int slice = rowsPerPass(memory, truncation);
        if (batch <= slice) {
            return scoreSlice(x, memory, random, groups, truncation);
        }
        List<ExampleDiagnostics> out = new ArrayList<>(batch);
        for (int from = 0; from < batch; from += slice) {
            INDArray rows = x.get(NDArrayIndex.interval(from, Math.min(batch, from + slice)), NDArrayIndex.all());
            out.addAll(scoreSlice(rows, memory, random, groups, truncation));
        }
        return out;
    }

    /** How many examples one pass scores against {@code memory}. */
    private int rowsPerPass(MemoryEncoding memory, TruncatedAddressing truncation) {
        if (memory == null) {
            return Integer.MAX_VALUE;
        }
        long perExample = truncation == null ? memory.size() : Math.min(memory.size(), truncation.candidates());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, addressCells / perExample));
    }

    private List<ExampleDiagnostics> scoreSlice(
            INDArray x,
            MemoryEncoding memory,
            SplittableRandom random,
            AddressGroups groups,
            TruncatedAddressing truncation) {
        int batch = (int) x.rows();
        double[][] logW = new double[batch][samples];
        double[] reconstruction = new double[batch];
        double[] klLatent = new double[batch];
        SampleScores last = null;
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            for (int done = 0; done < samples; done += chunk) {
                int k = Math.min(chunk, samples - done);
                Noise noise = Noise.draw(
                        random,
                        batch * k,
                        model.config().latentDim(),
                        model.parameters().dataType());
                last = truncation == null
                        ? model.score(x, memory, k, noise)
                        : model.score(x, memory, truncation, k, noise);
                for (int b = 0; b < batch; b++) {
                    for (int j = 0; j < k; j++) {
                        logW[b][done + j] = last.logWeight(b, j);
                        reconstruction[b] += last.reconstruction(b, j);
                        klLatent[b] += last.klLatent(b, j);
                    }
                }
            }
        }
        double[] match = memoryMatch(x, memory, truncation);
        AddressSummariser summariser = memory == null ? null : new AddressSummariser(memory.logPrior(), groups);
        double[] logQ = memory == null ? null : new double[memory.size()];
        double[] q = memory == null ? null : new double[memory.size()];
        boolean truncated = truncation != null;
        List<ExampleDiagnostics> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            double bound = ImportanceWeights.bound(logW[b]);
            if (summariser == null) {
                out.add(new ExampleDiagnostics(
                        bound,
                        samples,
                        reconstruction[b] / samples,
                        0,
                        0,
                        klLatent[b] / samples,
                        List.of(),
                        -1,
                        Double.NaN,
                        match[b],
                        false));
            } else {
                last.copyAddressing(b, logQ, q);
                int[] support = last.addressSupport(b);
                int length = support == null ? memory.size() : support.length;
                AddressSummary summary = summariser.of(logQ, q, support, length);
                out.add(new ExampleDiagnostics(
                        bound,
                        samples,
                        reconstruction[b] / samples,
                        summary.kl(),
                        summary.entropy(),
                        klLatent[b] / samples,
                        top(logQ, length, support),
                        summary.bestGroup(),
                        summary.bestGroupMass(),
                        match[b],
                        truncated));
            }
        }
        return out;
    }

    /** The top entries of q over its first {@code length} values, named by memory index. */
    private List<TopAddress> top(double[] logQ, int length, int[] support) {
        List<TopAddress> local =
                AddressStatistics.top(length == logQ.length ? logQ : Arrays.copyOf(logQ, length), topK);
        if (support == null) {
            return local;
        }
        List<TopAddress> named = new ArrayList<>(local.size());
        for (TopAddress address : local) {
            named.add(new TopAddress(support[address.index()], address.probability()));
        }
        return named;
    }

    /** Each example's match in the memory's exemplars; NaN throughout when the memory holds none. */
    private double[] memoryMatch(INDArray x, MemoryEncoding memory, TruncatedAddressing truncation) {
        int exemplars = memory == null || model.config().memory() != MemoryKind.EXEMPLAR
                ? 0
                : memory.size() - model.config().fallbackEntries();
        try (MemoryWorkspace ignored = Workspaces.open(WORKSPACE)) {
            return truncation == null
                    ? model.memoryMatch(x, memory, exemplars)
                    : model.memoryMatch(x, memory, exemplars, truncation.search());
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

        /** Over the first {@code length} values of q, which are entries {@code support} (null: 0, 1, ...). */
        AddressSummary of(double[] logQ, double[] q, int[] support, int length) {
            double kl = 0;
            double entropy = 0;
            Arrays.fill(mass, 0);
            for (int i = 0; i < length; i++) {
                int a = support == null ? i : support[i];
                if (q[i] > 0) {
                    kl += q[i] * (logQ[i] - logPrior[a]);
                    entropy -= q[i] * logQ[i];
                    if (groupOf != null && groupOf[a] >= 0) {
                        mass[groupOf[a]] += q[i];
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
