package org.vmastream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vmastream.model.addressing.AddressSearch;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.memory.LatentPrior;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.MatrixOps;
import org.vmastream.model.nn.MlpTail;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;
import org.vmastream.model.nn.Projection;
import org.vmastream.model.nn.RowParallel;

/**
 * The generative model of Variational Memory Addressing with its inference networks:
 * p(x|M) = sum_a p(a) * integral p(z|m_a) p(x|z,m_a) dz, with q(a, z|M, x) = q(a|x) q(z|m_a, x).
 *
 * <p>Forward and backward passes are written out as large matrix products: networks that read the
 * same input share one fused first-layer projection, every per-entry quantity is computed once per
 * memory ({@link MemoryEncoding}) and gathered by address, and the backward pass accumulates into a
 * single flat gradient vector. The memory-less configuration ({@link MemoryKind#NONE}) is the
 * baseline VAE with the same encoder and decoder.
 *
 * <p>Not thread-safe: one pass at a time per instance.
 */
public final class VmaModel {
    static final String X_PROJECTION = "x.proj";
    static final String M_PROJECTION = "m.proj";
    static final String Z_PROJECTION = "z.proj";
    static final String QUERY = "query";
    static final String ENCODER = "encoder";
    static final String EMBED = "embed";
    static final String PRIOR = "prior";
    static final String DECODER = "decoder";
    static final String PRIOR_QUERY = "prior.query";
    static final String LEARNED_MEMORY = "memory.learned";
    static final String FALLBACK_MEMORY = "memory.fallback";
    static final String OUTPUT_SKIP = "decoder.skip";
    /**
     * Logits per unit of output skip gain: Adam moves a parameter by about its learning rate per
     * step, and copying a binary entry needs logits of about +-10, so a unit gain would take some
     * 30,000 steps to open; in units of 10 it takes a few thousand.
     */
    private static final double SKIP_SCALE = 10.0;
    /**
     * Standard deviation of learned entries at the start. With N(0, 1) entries KL(q(a|x)||p(a))
     * fell below 0.01 nats within 400 steps and stayed there (q stopped depending on x); with 0.1
     * it rose over training instead (0.07 at step 250, 0.44 at step 1,500, |M| = 256).
     */
    private static final double LEARNED_ENTRY_SCALE = 0.1;
    /** Scale of h_q over h at the start (exemplar memory): q(a*|x) about 0.85 on MNIST recall episodes. */
    private static final double QUERY_START_GAIN = 6.0;

    private final ModelConfig config;
    private final ParameterSet params;
    private final DataType dataType;
    private final Projection xProjection;
    private final Projection zProjection;
    private final Projection mProjection;
    private final MlpTail encoder;
    private final MlpTail decoder;
    private final MlpTail query;
    private final MlpTail embed;
    private final MlpTail prior;
    private final int h1;
    private final int h2;
    private final int latent;
    private final ScoringPass scoring;

    private VmaModel(ModelConfig config, ParameterSet params) {
        this.config = config;
        this.params = params;
        this.dataType = params.dataType();
        this.h1 = config.hidden1();
        this.h2 = config.hidden2();
        this.latent = config.latentDim();
        this.xProjection = new Projection(params.block(X_PROJECTION));
        this.zProjection = new Projection(params.block(Z_PROJECTION));
        this.encoder = new MlpTail(params, ENCODER, h1, h2, 2 * latent);
        this.decoder = new MlpTail(params, DECODER, h2, h1, config.dataDim());
        if (config.hasMemory()) {
            this.mProjection = new Projection(params.block(M_PROJECTION));
            this.query = new MlpTail(params, QUERY, h1, h2, config.embeddingDim());
            this.embed = new MlpTail(params, EMBED, h1, h2, config.embeddingDim());
            this.prior = new MlpTail(params, PRIOR, h1, h2, 2 * latent);
        } else {
            this.mProjection = null;
            this.query = null;
            this.embed = null;
            this.prior = null;
        }
        this.scoring = new ScoringPass(config, dataType, xProjection, zProjection, encoder, decoder, query);
    }

    /** The parameter blocks of a model with this configuration, in declaration order. */
    public static List<ParameterSet.BlockSpec> layoutOf(ModelConfig c) {
        int h1 = c.hidden1();
        int h2 = c.hidden2();
        int z = c.latentDim();
        List<ParameterSet.BlockSpec> specs = new ArrayList<>();
        specs.add(Projection.spec(X_PROJECTION, c.dataDim(), c.hasMemory() ? 2 * h1 : h1));
        specs.addAll(MlpTail.specs(ENCODER, h1, h2, 2 * z));
        specs.add(Projection.spec(Z_PROJECTION, z, h2));
        specs.addAll(MlpTail.specs(DECODER, h2, h1, c.dataDim()));
        if (c.hasMemory()) {
            specs.addAll(MlpTail.specs(QUERY, h1, h2, c.embeddingDim()));
            specs.add(Projection.spec(M_PROJECTION, c.memoryDim(), 3 * h1 + h2));
            specs.addAll(MlpTail.specs(EMBED, h1, h2, c.embeddingDim()));
            specs.addAll(MlpTail.specs(PRIOR, h1, h2, 2 * z));
            if (c.prior() == PriorKind.LEARNED) {
                specs.add(new ParameterSet.BlockSpec(PRIOR_QUERY, 1, c.embeddingDim(), ParameterRole.BIAS));
            }
            if (c.memory() == MemoryKind.LEARNED) {
                specs.add(new ParameterSet.BlockSpec(
                        LEARNED_MEMORY, c.learnedEntries(), c.memoryDim(), ParameterRole.MEMORY));
            }
            if (c.fallbackEntries() > 0) {
                specs.add(new ParameterSet.BlockSpec(
                        FALLBACK_MEMORY, c.fallbackEntries(), c.memoryDim(), ParameterRole.MEMORY));
            }
            if (c.outputSkip()) {
                specs.add(new ParameterSet.BlockSpec(OUTPUT_SKIP, 1, c.dataDim(), ParameterRole.BIAS));
            }
        }
        return List.copyOf(specs);
    }

    /**
     * A new model with randomly initialised parameters: He-scaled Gaussian weights for layers
     * followed by ReLU, 1/sqrt(fan-in) for output layers, zero biases and output skip gain, N(0, 0.1^2)
     * learned memory, N(0, 1) e_p, uniform [0, 1) fallback entries (the range of pixel exemplars).
     */
    public static VmaModel initialise(ModelConfig config, long seed) {
        ParameterSet params = ParameterSet.allocate(config.precision().dataType(), layoutOf(config));
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterSet.Block block : params.blocks()) {
            double[] values = new double[(int) block.length()];
            boolean output = block.name().endsWith(".w2");
            switch (block.role()) {
                case WEIGHT -> {
                    double std = Math.sqrt((output ? 1.0 : 2.0) / block.rows());
                    for (int i = 0; i < values.length; i++) {
                        values[i] = std * random.nextGaussian();
                    }
                }
                case BIAS -> {
                    if (block.name().equals(PRIOR_QUERY)) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] = random.nextGaussian();
                        }
                    }
                }
                case MEMORY -> {
                    boolean fallback = block.name().equals(FALLBACK_MEMORY);
                    for (int i = 0; i < values.length; i++) {
                        values[i] = fallback ? random.nextDouble() : LEARNED_ENTRY_SCALE * random.nextGaussian();
                    }
                }
            }
            block.value().assign(Nd4j.create(values, new long[] {block.rows(), block.cols()}, params.dataType()));
        }
        if (config.memory() == MemoryKind.EXEMPLAR) {
            startQueryAsEmbedding(params, config);
        }
        return new VmaModel(config, params);
    }

    /**
     * Starts h_q as {@value #QUERY_START_GAIN} times a copy of h, so that from the first step q(a|x)
     * is a sharp nearest-neighbour lookup: the entries whose embedding points where x's does, the
     * entries that look like x. Only for exemplar memory, where x and the entries are the same kind of
     * data; h and h_q are separate parameters and train apart.
     *
     * <p>Why: from random, unrelated h and h_q, q(a|x) starts near uniform; the networks reading m
     * then learn to treat entries as generic context, and q settles on a few "hub" entries whatever
     * x is (measured: after 100k recall steps the target's own entry ranked 130th of 256 on
     * average). A lookup from the start lets them learn to use the entry that matches.
     */
    private static void startQueryAsEmbedding(ParameterSet params, ModelConfig config) {
        int h1 = config.hidden1();
        params.block(X_PROJECTION)
                .value()
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, h1))
                .assign(params.block(M_PROJECTION).value().get(NDArrayIndex.all(), NDArrayIndex.interval(0, h1)));
        List<ParameterSet.BlockSpec> specs = MlpTail.specs(QUERY, h1, config.hidden2(), config.embeddingDim());
        for (int i = 0; i < specs.size(); i++) {
            String name = specs.get(i).name();
            INDArray copy = params.block(EMBED + name.substring(QUERY.length())).value();
            boolean outputLayer = i >= specs.size() - 2;
            params.block(name).value().assign(outputLayer ? copy.mul(QUERY_START_GAIN) : copy);
        }
    }

    /**
     * A model with the given flat parameter vector (copied), e.g. from a checkpoint.
     *
     * @throws IllegalArgumentException if the vector's length does not fit the configuration
     */
    public static VmaModel withParameters(ModelConfig config, INDArray flat) {
        ParameterSet params = ParameterSet.allocate(config.precision().dataType(), layoutOf(config));
        if (flat.length() != params.size()) {
            throw new IllegalArgumentException(
                    "parameter vector has " + flat.length() + " values but the configuration needs " + params.size());
        }
        params.values().assign(flat.reshape(flat.length()).castTo(params.dataType()));
        return new VmaModel(config, params);
    }

    /** The configuration this model was built from. */
    public ModelConfig config() {
        return config;
    }

    /** The model's parameters and gradient accumulators. */
    public ParameterSet parameters() {
        return params;
    }

    /**
     * The memory the model addresses: the learned entries, or the given exemplars (rows of
     * {@code memoryDim}) followed by the fallback entries. Returns null for the memory-less model.
     *
     * @param exemplars exemplar rows, or null / zero rows for an empty exemplar memory
     * @throws IllegalArgumentException if exemplars have the wrong width or are given to a model that takes none
     * @throws IllegalStateException    if the memory would be empty
     */
    public INDArray memoryFor(INDArray exemplars) {
        boolean none = exemplars == null || exemplars.rows() == 0;
        switch (config.memory()) {
            case NONE -> {
                if (!none) {
                    throw new IllegalArgumentException("the memory-less model takes no exemplars");
                }
                return null;
            }
            case LEARNED -> {
                if (!none) {
                    throw new IllegalArgumentException("a learned-memory model takes no exemplars");
                }
                return params.block(LEARNED_MEMORY).value();
            }
            default -> {
                if (!none && exemplars.columns() != config.memoryDim()) {
                    throw new IllegalArgumentException("exemplars have " + exemplars.columns()
                            + " values per entry; the model expects " + config.memoryDim());
                }
                boolean fallback = config.fallbackEntries() > 0;
                if (none && !fallback) {
                    throw new IllegalStateException("the memory is empty and the model has no fallback entries:"
                            + " add exemplars, or train a model with fallbackEntries > 0");
                }
                if (none) {
                    return params.block(FALLBACK_MEMORY).value();
                }
                INDArray rows = exemplars.castTo(dataType);
                return fallback
                        ? Nd4j.vstack(rows, params.block(FALLBACK_MEMORY).value())
                        : rows;
            }
        }
    }

    /**
     * The address queries of examples: the rows whose inner products with the memory's keys are
     * q(a|x)'s logits.
     *
     * @param x examples, B x dataDim
     * @return B x embeddingDim
     */
    public INDArray addressQueries(INDArray x) {
        requireMemory();
        INDArray projected = xProjection.forward(x.castTo(dataType));
        INDArray embedded = query.forward(projected.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h1)))
                .output();
        return config.similarity().queries(embedded).transformed();
    }

    /**
     * Each row embedded as if it were a memory entry, h(row), scaled to unit length: the matching
     * space in which {@link #memoryMatch} compares events with the exemplars of a memory.
     *
     * @param rows exemplar-shaped rows (memoryDim values each)
     * @throws IllegalStateException for a model whose memory does not hold exemplars
     */
    public INDArray matchKeys(INDArray rows) {
        if (config.memory() != MemoryKind.EXEMPLAR) {
            throw new IllegalStateException("only a model whose memory holds exemplars can match events against it");
        }
        INDArray embedded =
                embed.forward(mProjection.forward(rows.castTo(dataType), 0, h1)).output();
        return Similarity.COSINE.keys(embedded).transformed();
    }

    /**
     * How closely each example matches its nearest exemplar in the matching space: the largest
     * cosine between h(x) and h(m_a) over the memory's exemplars (fallback entries excluded).
     * Same-class episodes train h to put exemplars of one kind together, so a low match marks an
     * event unlike anything in memory without the input-complexity term that dominates the bound.
     *
     * @param x         examples, B x dataDim (exemplar-shaped)
     * @param memory    the encoded memory
     * @param exemplars how many of its entries (the first) are exemplars
     * @return the match of every example, in [-1, 1]; NaN for every example when there are no exemplars
     */
    public double[] memoryMatch(INDArray x, MemoryEncoding memory, int exemplars) {
        double[] match = new double[(int) x.rows()];
        if (exemplars == 0) {
            Arrays.fill(match, Double.NaN);
            return match;
        }
        INDArray memoryKeys = Similarity.COSINE
                .keys(memory.keys().raw().get(NDArrayIndex.interval(0, exemplars), NDArrayIndex.all()))
                .transformed();
        INDArray cosines = MatrixOps.multiply(matchKeys(x), memoryKeys, false, true);
        HostView view = HostView.of(cosines.max(1));
        view.get(0, match, match.length);
        return match;
    }

    /**
     * Computes every per-entry quantity for this memory: what scoring needs. Valid until the
     * parameters change.
     *
     * @param entries memory rows from {@link #memoryFor}
     */
    public MemoryEncoding encodeMemory(INDArray entries) {
        MemoryEncoding addressing = encodeAddressing(entries);
        EntryRows rows = entryRows(entries);
        return new MemoryEncoding(
                entries,
                addressing.keys(),
                addressing.priorQuery(),
                addressing.logPrior(),
                rows.rowTable(),
                LatentPrior.fromRowTable(rows.rowTable(), h1 + h2, config.latentDim()),
                addressing.embedTrace(),
                rows.outputSkip());
    }

    /**
     * Computes what addressing needs for this memory, the keys h(m_a) and log p(a), and no row
     * table: enough for {@link #forward}, which computes the rest for the entries its samples draw,
     * but not for {@link #score}. What a training step uses. Valid until the parameters change.
     *
     * @param entries memory rows from {@link #memoryFor}
     */
    public MemoryEncoding encodeAddressing(INDArray entries) {
        requireMemory();
        MlpTail.Trace embedTrace = embed.forward(mProjection.forward(entries, 0, h1));
        Similarity similarity = config.similarity();
        Similarity.Rows keys = similarity.keys(embedTrace.output());
        Similarity.Rows priorQuery = priorQuery();
        return new MemoryEncoding(entries, keys, priorQuery, logPrior(keys, priorQuery), null, null, embedTrace, null);
    }

    /**
     * The row table of these entries, with the p(z|m) activations behind its last columns and the
     * output skip terms g * {@link #skipInput}(m) of the decoder's logits (null without the skip).
     */
    private EntryRows entryRows(INDArray entries) {
        MlpTail.Trace priorTrace = prior.forward(mProjection.forward(entries, h1, 2 * h1));
        INDArray rowTable =
                MatrixOps.concatColumns(mProjection.forward(entries, 2 * h1, 3 * h1 + h2), priorTrace.output());
        INDArray outputSkip = config.outputSkip()
                ? skipInput(entries).muliRowVector(params.block(OUTPUT_SKIP).value())
                : null;
        return new EntryRows(rowTable, priorTrace, outputSkip);
    }

    private record EntryRows(INDArray rowTable, MlpTail.Trace priorTrace, INDArray outputSkip) {}

    /**
     * The row table and p(z|m) of the entries the samples drew, each entry once: a training pass
     * needs nothing else from the networks that read m, and with a peaked q(a|x) its B K samples
     * draw a fraction of the memory (with |M| = 256, B K = 128, these are 640 of the projection's 896
     * columns left uncomputed for most entries).
     */
    private AddressedEntries addressedEntries(INDArray memoryEntries, int[] addresses) {
        int[] local = new int[addresses.length];
        int[] slot = new int[(int) memoryEntries.rows()];
        Arrays.fill(slot, -1);
        int[] unique = new int[addresses.length];
        int count = 0;
        for (int n = 0; n < addresses.length; n++) {
            int a = addresses[n];
            if (slot[a] < 0) {
                slot[a] = count;
                unique[count++] = a;
            }
            local[n] = slot[a];
        }
        unique = Arrays.copyOf(unique, count);
        INDArray entries = Nd4j.pullRows(memoryEntries, 1, unique);
        EntryRows rows = entryRows(entries);
        return new AddressedEntries(unique, local, entries, rows.rowTable(), rows.priorTrace(), rows.outputSkip());
    }

    /**
     * K importance samples per example: a_k ~ q(a|x), z_k ~ q(z|m_a, x), and every term of log w_k.
     *
     * @param x       batch of examples, B x dataDim
     * @param memory  encoded memory, or null for the memory-less model
     * @param samples K
     * @param noise   B*K uniforms and B*K x latentDim normals (see {@link Noise})
     */
    public ImportancePass forward(INDArray x, MemoryEncoding memory, int samples, Noise noise) {
        checkPass(x, memory, samples, noise);
        INDArray input = HostView.viewable(x.castTo(dataType));
        int batch = (int) input.rows();
        int rows = batch * samples;
        INDArray projected = xProjection.forward(input);
        MlpTail.Trace queryTrace = null;
        Similarity.Rows queries = null;
        double[][] logQ = null;
        int[] addresses = null;
        INDArray gathered = null;
        AddressedEntries addressed = null;
        INDArray encoderPre;
        double[] logPa = new double[rows];
        double[] logQa = new double[rows];
        if (memory != null) {
            queryTrace = query.forward(columns(projected, 0, h1).dup());
            queries = config.similarity().queries(queryTrace.output());
            // Read in bulk: toDoubleMatrix fetches element by element, slower than the product.
            HostView scores = HostView.of(
                    MatrixOps.multiply(queries.transformed(), memory.keys().transformed(), false, true));
            int size = memory.size();
            double[] row = new double[size];
            logQ = new double[batch][];
            for (int b = 0; b < batch; b++) {
                scores.get(b * size, row, size);
                logQ[b] = LogSoftmax.of(row);
            }
            addresses = noise.addresses() != null
                    ? checkedAddresses(noise.addresses(), rows, memory.size())
                    : AddressSampler.sample(logQ, samples, noise.uniforms());
            for (int n = 0; n < rows; n++) {
                logPa[n] = memory.logPrior()[addresses[n]];
                logQa[n] = logQ[n / samples][addresses[n]];
            }
            addressed = addressedEntries(memory.entries(), addresses);
            gathered = Nd4j.pullRows(addressed.rowTable(), 1, addressed.local());
            int entryStride = HostView.rowStride(gathered);
            encoderPre = EncoderInput.build(dataType, h1, projected, h1, samples, gathered, n -> n * entryStride);
        } else {
            encoderPre = EncoderInput.build(dataType, h1, projected, 0, samples, null, null);
        }
        MlpTail.Trace encoderTrace = encoder.forward(encoderPre);
        INDArray epsilon = HostView.viewable(noise.epsilon().castTo(dataType));
        LatentSample latentSample = sampleLatent(encoderTrace.output(), epsilon, gathered);
        INDArray decoderPre = zProjection.forward(latentSample.z());
        if (gathered != null) {
            decoderPre.addi(columns(gathered, h1, h1 + h2));
        }
        MlpTail.Trace decoderTrace = decoder.forward(decoderPre);
        if (addressed != null && addressed.outputSkip() != null) {
            decoderTrace.output().addi(Nd4j.pullRows(addressed.outputSkip(), 1, addressed.local()));
        }
        BernoulliTerms.Result likelihood = BernoulliTerms.of(input, decoderTrace.output(), samples);
        return new ImportancePass(
                input,
                samples,
                memory,
                addresses,
                addressed,
                logQ,
                queries,
                queryTrace,
                encoderTrace,
                decoderTrace,
                likelihood.residual(),
                gathered,
                epsilon,
                latentSample.sigma(),
                latentSample.z(),
                likelihood.logLikelihood(),
                latentSample.logPrior(),
                latentSample.logPosterior(),
                latentSample.kl(),
                logPa,
                logQa);
    }

    /**
     * K importance samples per example for scoring only: given the same noise, the same samples and
     * terms of log w as {@link #forward} (to rounding), several times faster because nothing is kept
     * for a backward pass. The result holds only Java arrays, so the pass can run inside a
     * workspace scope (see {@link org.vmastream.model.nn.Workspaces}), which makes it faster still.
     *
     * @param x       batch of examples, B x dataDim
     * @param memory  encoded memory, or null for the memory-less model
     * @param samples K
     * @param noise   B*K uniforms and B*K x latentDim normals (see {@link Noise})
     */
    public SampleScores score(INDArray x, MemoryEncoding memory, int samples, Noise noise) {
        checkPass(x, memory, samples, noise);
        requireRowTable(memory);
        return scoring.run(x, memory, samples, noise);
    }

    /**
     * As {@link #score(INDArray, MemoryEncoding, int, Noise)}, with each example's q(a|x) restricted to
     * the candidates {@code truncation} finds, for memories too large to address exactly. The bound
     * stays a lower bound on log p(x|M) (see {@link TruncatedAddressing}); log p(a) is the memory's
     * exact prior. The encoding needs no row table ({@link #encodeKeys} is enough): the rows of the
     * entries the samples draw are computed per pass, each entry once.
     *
     * @param x          batch of examples, B x dataDim
     * @param memory     encoded memory with unit-length keys (similarity NORMALISED or COSINE)
     * @param truncation the candidate search and how many candidates per example
     * @param samples    K
     * @param noise      B*K uniforms and B*K x latentDim normals, without fixed addresses
     */
    public SampleScores score(
            INDArray x, MemoryEncoding memory, TruncatedAddressing truncation, int samples, Noise noise) {
        checkPass(x, memory, samples, noise);
        requireUnitKeys(memory);
        Objects.requireNonNull(truncation, "truncation");
        return scoring.run(x, memory, samples, noise, truncation, entries -> drawnRows(memory, entries));
    }

    /** The row table, p(z|m) and skip terms of some entries of a memory, computed now. */
    private ScoringPass.EntryRowTable drawnRows(MemoryEncoding memory, int[] entries) {
        EntryRows rows = entryRows(Nd4j.pullRows(memory.entries(), 1, entries));
        return new ScoringPass.EntryRowTable(
                rows.rowTable(),
                LatentPrior.fromRowTable(rows.rowTable(), h1 + h2, config.latentDim()),
                rows.outputSkip());
    }

    private void requireUnitKeys(MemoryEncoding memory) {
        if (memory == null) {
            throw new IllegalArgumentException("truncated addressing needs a memory");
        }
        if (config.similarity() == Similarity.DOT) {
            throw new IllegalArgumentException(
                    "truncated addressing searches unit-length keys; similarity DOT has none");
        }
    }

    /**
     * The addressing part of an encoding only, keys h(m_a) and log p(a), computed in slices of
     * {@code slice} entries and without the activations training needs: what scoring through
     * {@link TruncatedAddressing} reads, at a few hundred bytes per entry however large the memory.
     *
     * @param entries memory rows from {@link #memoryFor}
     * @param slice   entries embedded per pass (bounds the temporaries)
     */
    public MemoryEncoding encodeKeys(INDArray entries, int slice) {
        requireMemory();
        if (slice < 1) {
            throw new IllegalArgumentException("slice must be positive: " + slice);
        }
        Similarity similarity = config.similarity();
        int size = (int) entries.rows();
        INDArray raw = Nd4j.createUninitialized(dataType, size, config.embeddingDim());
        for (int from = 0; from < size; from += slice) {
            INDArray rows = entries.get(NDArrayIndex.interval(from, Math.min(size, from + slice)), NDArrayIndex.all());
            raw.get(NDArrayIndex.interval(from, Math.min(size, from + slice)), NDArrayIndex.all())
                    .assign(embed.forward(mProjection.forward(rows, 0, h1)).output());
        }
        Similarity.Rows keys = similarity.keys(raw);
        Similarity.Rows priorQuery = priorQuery();
        return new MemoryEncoding(entries, keys, priorQuery, logPrior(keys, priorQuery), null, null, null, null);
    }

    /** The learned prior's transformed query e_p, or null with a flat prior. */
    private Similarity.Rows priorQuery() {
        return config.prior() == PriorKind.LEARNED
                ? config.similarity().queries(params.block(PRIOR_QUERY).value())
                : null;
    }

    /** log p(a) over every entry: a softmax of <key, e_p>, or flat. */
    private double[] logPrior(Similarity.Rows keys, Similarity.Rows priorQuery) {
        int size = (int) keys.transformed().rows();
        double[] logPrior = new double[size];
        if (priorQuery != null) {
            double[] logits = MatrixOps.multiply(keys.transformed(), priorQuery.transformed(), false, true)
                    .toDoubleVector();
            LogSoftmax.inPlace(logits, logPrior);
        } else {
            Arrays.fill(logPrior, -Math.log(size));
        }
        return logPrior;
    }

    /**
     * As {@link #memoryMatch(INDArray, MemoryEncoding, int)}, with the nearest exemplar found by
     * {@code search} over the memory's unit keys instead of by comparing with every entry.
     *
     * @param search finds the entries nearest a unit query among the memory's keys
     */
    public double[] memoryMatch(INDArray x, MemoryEncoding memory, int exemplars, AddressSearch search) {
        double[] match = new double[(int) x.rows()];
        if (exemplars == 0) {
            Arrays.fill(match, Double.NaN);
            return match;
        }
        INDArray queries = HostView.viewable(matchKeys(x));
        INDArray keys = HostView.viewable(memory.keys().transformed());
        int width = (int) queries.columns();
        int fallbacks = memory.size() - exemplars;
        RowParallel.inParallel(match.length, (from, to) -> {
            HostView queryRows = HostView.of(queries);
            HostView keyRows = HostView.of(keys);
            double[] query = new double[width];
            double[] key = new double[width];
            float[] unit = new float[width];
            for (int b = from; b < to; b++) {
                queryRows.get(b * width, query, width);
                for (int d = 0; d < width; d++) {
                    unit[d] = (float) query[d];
                }
                double best = Double.NaN;
                // Fallback entries may rank first; one more candidate than there are of them reaches an exemplar.
                for (int a : search.nearest(unit, fallbacks + 1)) {
                    if (a < exemplars) {
                        keyRows.get(a * width, key, width);
                        double dot = 0;
                        for (int d = 0; d < width; d++) {
                            dot += key[d] * query[d];
                        }
                        best = Double.isNaN(best) ? dot : Math.max(best, dot);
                    }
                }
                match[b] = best;
            }
        });
        return match;
    }

    /**
     * Generates from the model conditioned on one memory entry: z ~ p(z|m_a), then the Bernoulli
     * means sigmoid(logits) of p(x|z, m_a) (the expected image, as one shows samples of a binary
     * model), one row per normal draw. Without memory, z ~ N(0, I) and {@code entry} is ignored.
     *
     * @param memory  encoded memory, or null for the memory-less model
     * @param entry   row of the memory to condition on
     * @param epsilon standard normal draws, count x latentDim
     * @return count x dataDim means in [0, 1]
     */
    public INDArray generate(MemoryEncoding memory, int entry, INDArray epsilon) {
        if (config.hasMemory() != (memory != null)) {
            throw new IllegalArgumentException(
                    config.hasMemory() ? "this model needs a memory" : "this model has no memory");
        }
        if (epsilon.columns() != latent) {
            throw new IllegalArgumentException(
                    "epsilon has " + epsilon.columns() + " columns; the latent has " + latent);
        }
        int count = (int) epsilon.rows();
        INDArray eps = epsilon.castTo(dataType);
        INDArray z;
        INDArray decoderPre;
        if (memory != null) {
            requireRowTable(memory);
            if (entry < 0 || entry >= memory.size()) {
                throw new IllegalArgumentException("entry " + entry + " outside memory of size " + memory.size());
            }
            INDArray row = memory.rowTable().getRow(entry, true);
            INDArray muP = columns(row, h1 + h2, h1 + h2 + latent);
            INDArray sigmaP = Transforms.exp(
                    columns(row, h1 + h2 + latent, h1 + h2 + 2 * latent).mul(0.5), false);
            z = eps.mulRowVector(sigmaP).addiRowVector(muP);
            decoderPre = zProjection.forward(z).addiRowVector(columns(row, h1, h1 + h2));
        } else {
            z = eps.dup();
            decoderPre = zProjection.forward(z);
        }
        INDArray logits = decoder.forward(decoderPre).output();
        if (memory != null && memory.outputSkip() != null) {
            logits.addiRowVector(memory.outputSkip().getRow(entry, true));
        }
        return Transforms.sigmoid(logits, false);
    }

    private void checkPass(INDArray x, MemoryEncoding memory, int samples, Noise noise) {
        if (x.columns() != config.dataDim()) {
            throw new IllegalArgumentException(
                    "examples have " + x.columns() + " values; the model expects " + config.dataDim());
        }
        if (config.hasMemory() != (memory != null)) {
            throw new IllegalArgumentException(
                    config.hasMemory() ? "this model needs a memory" : "this model has no memory");
        }
        long rows = x.rows() * samples;
        if (noise.uniforms().length != rows || noise.epsilon().rows() != rows) {
            throw new IllegalArgumentException(
                    "noise is for " + noise.uniforms().length + " samples, the pass needs " + rows);
        }
    }

    /**
     * Accumulates into {@link ParameterSet#gradients()} the gradient of
     * {@code scale * sum_b J_b}, the VIMCO surrogate
     * {@code J_b = L_K + sum_k s_bk log q(a_bk|x_b)}, where log q(a|x) inside L_K is held constant for
     * the address parameters. {@code dJ_b / d(log w_bk) = weights[b][k]} (the normalised importance weights).
     *
     * @param pass    a pass of this model with unchanged parameters
     * @param weights normalised importance weights v, B x K
     * @param signals learning signals s, B x K (ignored without memory)
     * @param scale   factor on the sum over the batch, e.g. -1/B for a loss to minimise
     */
    public void backward(ImportancePass pass, double[][] weights, double[][] signals, double scale) {
        int batch = pass.batch;
        int samples = pass.samples;
        int rows = batch * samples;
        double[] rowWeight = new double[rows];
        for (int n = 0; n < rows; n++) {
            rowWeight[n] = scale * weights[n / samples][n % samples];
        }
        INDArray c = Nd4j.create(rowWeight, new long[] {rows, 1}, dataType);
        INDArray dLogits = pass.residual.mulColumnVector(c);
        INDArray dEntryRows = pass.addressed == null || pass.addressed.outputSkip() == null
                ? null
                : skipBackward(Nd4j.pullRows(skipInput(pass.addressed.entries()), 1, pass.addressed.local()), dLogits);
        INDArray dDecoderPre = decoder.backward(pass.decoderTrace, dLogits);
        INDArray dz = zProjection.backward(pass.z, dDecoderPre, true);
        INDArray dPrior = pass.gathered == null ? null : Nd4j.createUninitialized(dataType, rows, 2 * latent);
        INDArray dEncoderPre = encoder.backward(pass.encoderTrace, latentBackward(pass, dz, rowWeight, dPrior));
        INDArray dEncoderX = dEncoderPre.reshape('c', batch, samples, h1).sum(1);
        if (pass.memory == null) {
            xProjection.backward(pass.x, dEncoderX, false);
            return;
        }
        INDArray dRows = dEntryRows == null
                ? MatrixOps.concatColumns(dEncoderPre, dDecoderPre, dPrior)
                : MatrixOps.concatColumns(dEncoderPre, dDecoderPre, dPrior, dEntryRows);
        backwardMemory(pass, dRows, weights, signals, scale, dEncoderX);
    }

    /**
     * What the output skip's gain multiplies: {@value #SKIP_SCALE} (2 m - 1), the entry centred on
     * the middle of [0, 1], so that a positive gain pushes ink up and background down alike.
     *
     * @param entries rows of memory entries (left unchanged)
     */
    private INDArray skipInput(INDArray entries) {
        return entries.mul(2 * SKIP_SCALE).subi(SKIP_SCALE);
    }

    /**
     * Accumulates the gradient of the output skip gain g from d objective / d logits and, when
     * memory entries are trainable, returns d objective / d m_a through the skip per sample row
     * (null otherwise). Must run before the decoder's backward pass, which may overwrite {@code dLogits}.
     *
     * @param skipInput {@link #skipInput} of each sample row's entry
     */
    private INDArray skipBackward(INDArray skipInput, INDArray dLogits) {
        ParameterSet.Block gain = params.block(OUTPUT_SKIP);
        MatrixOps.accumulateColumnSums(dLogits.mul(skipInput), gain.gradient());
        return trainableEntries() ? dLogits.mulRowVector(gain.value().mul(2 * SKIP_SCALE)) : null;
    }

    private boolean trainableEntries() {
        return config.memory() == MemoryKind.LEARNED || config.fallbackEntries() > 0;
    }

    private void backwardMemory(
            ImportancePass pass,
            INDArray dRows,
            double[][] weights,
            double[][] signals,
            double scale,
            INDArray dEncoderX) {
        MemoryEncoding memory = pass.memory;
        AddressedEntries addressed = pass.addressed;
        int size = memory.size();
        int used = addressed.unique().length;
        int batch = pass.batch;
        int samples = pass.samples;
        int rows = batch * samples;
        double[] oneHot = new double[rows * used];
        for (int n = 0; n < rows; n++) {
            oneHot[n * used + addressed.local()[n]] = 1.0;
        }
        INDArray dRowTable =
                MatrixOps.multiply(Nd4j.create(oneHot, new long[] {rows, used}, dataType), dRows, true, false);

        double[] dScores = new double[batch * size];
        for (int b = 0; b < batch; b++) {
            double signalSum = 0;
            for (int k = 0; k < samples; k++) {
                signalSum += signals[b][k];
            }
            for (int a = 0; a < size; a++) {
                dScores[b * size + a] = -scale * signalSum * Math.exp(pass.logQ[b][a]);
            }
            for (int k = 0; k < samples; k++) {
                dScores[b * size + pass.addresses[b * samples + k]] += scale * signals[b][k];
            }
        }
        INDArray dS = Nd4j.create(dScores, new long[] {batch, size}, dataType);
        Similarity similarity = config.similarity();
        INDArray dQueries = MatrixOps.multiply(dS, memory.keys().transformed(), false, false);
        INDArray dKeys = MatrixOps.multiply(dS, pass.queries.transformed(), true, false);
        if (memory.priorQuery() != null) {
            double[] dPriorLogits = new double[size];
            double weightSum = 0;
            for (int n = 0; n < rows; n++) {
                double w = scale * weights[n / samples][n % samples];
                dPriorLogits[pass.addresses[n]] += w;
                weightSum += w;
            }
            for (int a = 0; a < size; a++) {
                dPriorLogits[a] -= weightSum * Math.exp(memory.logPrior()[a]);
            }
            INDArray g = Nd4j.create(dPriorLogits, new long[] {size, 1}, dataType);
            MatrixOps.accumulate(g, memory.priorQuery().transformed(), dKeys, false, false);
            INDArray dPriorQuery = MatrixOps.multiply(g, memory.keys().transformed(), true, false);
            params.block(PRIOR_QUERY).gradient().addi(similarity.queryGradient(memory.priorQuery(), dPriorQuery));
        }
        boolean trainable = trainableEntries();
        INDArray dEmbedPre = embed.backward(memory.embedTrace(), similarity.keyGradient(memory.keys(), dKeys));
        INDArray dEntries = mProjection.backward(memory.entries(), dEmbedPre, 0, h1, trainable);
        INDArray dPriorPre = prior.backward(addressed.priorTrace(), columns(dRowTable, h1 + h2, h1 + h2 + 2 * latent));
        INDArray dAddressed = mProjection.backward(
                addressed.entries(),
                MatrixOps.concatColumns(dPriorPre, columns(dRowTable, 0, h1 + h2)),
                h1,
                3 * h1 + h2,
                trainable);
        if (trainable) {
            if (dRowTable.columns() > h1 + h2 + 2 * latent) {
                dAddressed.addi(columns(dRowTable, h1 + h2 + 2 * latent, (int) dRowTable.columns()));
            }
            scatterAddRows(dAddressed, addressed.unique(), dEntries);
            if (config.memory() == MemoryKind.LEARNED) {
                params.block(LEARNED_MEMORY).gradient().addi(dEntries);
            } else {
                int fallback = config.fallbackEntries();
                params.block(FALLBACK_MEMORY)
                        .gradient()
                        .addi(dEntries.get(NDArrayIndex.interval(size - fallback, size), NDArrayIndex.all()));
            }
        }
        INDArray dQueryPre = query.backward(pass.queryTrace, similarity.queryGradient(pass.queries, dQueries));
        xProjection.backward(pass.x, MatrixOps.concatColumns(dQueryPre, dEncoderX), false);
    }

    /** {@code target[rows[i]] += source[i]} for every i; the rows are distinct. */
    private static void scatterAddRows(INDArray source, int[] rows, INDArray target) {
        int width = (int) source.columns();
        HostView from = HostView.of(source);
        HostView to = HostView.of(target);
        double[] add = new double[width];
        double[] row = new double[width];
        for (int i = 0; i < rows.length; i++) {
            from.get(i * width, add, width);
            to.get(rows[i] * width, row, width);
            for (int d = 0; d < width; d++) {
                row[d] += add[d];
            }
            to.put(rows[i] * width, row, width);
        }
    }

    private static void requireRowTable(MemoryEncoding memory) {
        if (memory != null && !memory.hasRowTable()) {
            throw new IllegalArgumentException("an encoding from encodeAddressing is for training passes; scoring and"
                    + " generation need one from encodeMemory");
        }
    }

    private void requireMemory() {
        if (!config.hasMemory()) {
            throw new IllegalStateException("the memory-less model has no memory to encode");
        }
    }

    static int[] checkedAddresses(int[] addresses, int rows, int size) {
        if (addresses.length != rows) {
            throw new IllegalArgumentException("fixed addresses: " + addresses.length + " given, " + rows + " needed");
        }
        for (int a : addresses) {
            if (a < 0 || a >= size) {
                throw new IllegalArgumentException("fixed address " + a + " outside memory of size " + size);
            }
        }
        return addresses;
    }

    /**
     * z = mu + sigma * eps from the encoder's output [mu | log sigma^2] and, per sample row,
     * log p(z|m_a) and log q(z|m_a,x) (both without their 2 pi terms, which cancel in log w) and
     * the analytic KL, with p(z|m_a) read from the gathered entries' columns, or N(0, I) when
     * {@code gathered} is null. One pass over the rows instead of some twenty small ND4J ops.
     */
    private LatentSample sampleLatent(INDArray encoderOut, INDArray epsilon, INDArray gathered) {
        int rows = (int) encoderOut.rows();
        LatentSample result = new LatentSample(
                Nd4j.createUninitialized(dataType, rows, latent),
                Nd4j.createUninitialized(dataType, rows, latent),
                new double[rows],
                new double[rows],
                new double[rows]);
        int priorFrom = h1 + h2;
        RowParallel.inParallel(rows, (first, end) -> {
            HostView posterior = HostView.of(encoderOut);
            HostView noise = HostView.of(epsilon);
            HostView entries = gathered == null ? null : HostView.ofRows(gathered);
            int entryStride = gathered == null ? 0 : HostView.rowStride(gathered);
            HostView zOut = HostView.of(result.z());
            HostView sigmaOut = HostView.of(result.sigma());
            double[] q = new double[2 * latent];
            double[] p = new double[2 * latent];
            double[] eps = new double[latent];
            double[] z = new double[latent];
            double[] sigma = new double[latent];
            for (int n = first; n < end; n++) {
                posterior.get(n * 2 * latent, q, 2 * latent);
                noise.get(n * latent, eps, latent);
                if (entries != null) {
                    entries.get(n * entryStride + priorFrom, p, 2 * latent);
                }
                double logP = 0;
                double logQ = 0;
                double kl = 0;
                for (int j = 0; j < latent; j++) {
                    double mu = q[j];
                    double logVar = q[latent + j];
                    sigma[j] = Math.exp(0.5 * logVar);
                    z[j] = sigma[j] * eps[j] + mu;
                    logQ += logVar + eps[j] * eps[j];
                    if (entries == null) {
                        logP += z[j] * z[j];
                        kl += Math.exp(logVar) + mu * mu - logVar - 1;
                    } else {
                        double muP = p[j];
                        double logVarP = p[latent + j];
                        double precisionP = Math.exp(-logVarP);
                        double diff = z[j] - muP;
                        double gap = mu - muP;
                        logP += diff * diff * precisionP + logVarP;
                        kl += (Math.exp(logVar) + gap * gap) * precisionP + logVarP - logVar - 1;
                    }
                }
                zOut.put(n * latent, z, latent);
                sigmaOut.put(n * latent, sigma, latent);
                result.logPrior()[n] = -0.5 * logP;
                result.logPosterior()[n] = -0.5 * logQ;
                result.kl()[n] = 0.5 * kl;
            }
        });
        return result;
    }

    /**
     * The backward pass through z = mu + sigma * eps and the latent terms of log w, weighted per row
     * by {@code rowWeight} (d objective / d log w): returns d objective / d [mu | log sigma^2] of
     * q(z|m_a,x) as a new rows x 2 latent array and, with memory, writes d objective / d [mu | log
     * sigma^2] of p(z|m_a) into {@code dPrior}. One pass over the rows instead of some fifteen ND4J ops.
     *
     * @param dz d objective / dz through the decoder (rows x latent)
     */
    private INDArray latentBackward(ImportancePass pass, INDArray dz, double[] rowWeight, INDArray dPrior) {
        int rows = (int) dz.rows();
        INDArray dPosterior = Nd4j.createUninitialized(dataType, rows, 2 * latent);
        int priorFrom = h1 + h2;
        RowParallel.inParallel(rows, (first, end) -> {
            HostView dzIn = HostView.of(dz);
            HostView zIn = HostView.of(pass.z);
            HostView sigmaIn = HostView.of(pass.sigmaQ);
            HostView noise = HostView.of(pass.epsilon);
            HostView entries = dPrior == null ? null : HostView.ofRows(pass.gathered);
            int entryStride = dPrior == null ? 0 : HostView.rowStride(pass.gathered);
            HostView posteriorOut = HostView.of(dPosterior);
            HostView priorOut = dPrior == null ? null : HostView.of(dPrior);
            double[] g = new double[latent];
            double[] z = new double[latent];
            double[] sigma = new double[latent];
            double[] eps = new double[latent];
            double[] p = new double[2 * latent];
            double[] dQ = new double[2 * latent];
            double[] dP = new double[2 * latent];
            for (int n = first; n < end; n++) {
                double c = rowWeight[n];
                dzIn.get(n * latent, g, latent);
                zIn.get(n * latent, z, latent);
                sigmaIn.get(n * latent, sigma, latent);
                noise.get(n * latent, eps, latent);
                if (entries != null) {
                    entries.get(n * entryStride + priorFrom, p, 2 * latent);
                }
                for (int j = 0; j < latent; j++) {
                    double dzj;
                    if (entries == null) {
                        dzj = g[j] - c * z[j];
                    } else {
                        double diff = z[j] - p[j];
                        double delta = diff * Math.exp(-p[latent + j]);
                        dP[j] = c * delta;
                        dP[latent + j] = 0.5 * c * (diff * delta - 1);
                        dzj = g[j] - c * delta;
                    }
                    dQ[j] = dzj;
                    dQ[latent + j] = 0.5 * dzj * sigma[j] * eps[j] + 0.5 * c;
                }
                posteriorOut.put(n * 2 * latent, dQ, 2 * latent);
                if (priorOut != null) {
                    priorOut.put(n * 2 * latent, dP, 2 * latent);
                }
            }
        });
        return dPosterior;
    }

    /** z and sigma of q(z|m_a,x) per sample row, with the row's latent terms of log w and its KL. */
    private record LatentSample(INDArray z, INDArray sigma, double[] logPrior, double[] logPosterior, double[] kl) {}

    private static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
