package org.vmastream.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.MatrixOps;
import org.vmastream.model.nn.MlpTail;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;
import org.vmastream.model.nn.Projection;

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
                specs.add(new ParameterSet.BlockSpec(LEARNED_MEMORY, c.learnedEntries(), c.memoryDim(), ParameterRole.MEMORY));
            }
            if (c.fallbackEntries() > 0) {
                specs.add(new ParameterSet.BlockSpec(FALLBACK_MEMORY, c.fallbackEntries(), c.memoryDim(), ParameterRole.MEMORY));
            }
        }
        return List.copyOf(specs);
    }

    /**
     * A new model with randomly initialised parameters: He-scaled Gaussian weights for layers
     * followed by ReLU, 1/sqrt(fan-in) for output layers, zero biases, N(0, 1) learned memory and
     * e_p, uniform [0, 1) fallback entries (the range of pixel exemplars).
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
                        values[i] = fallback ? random.nextDouble() : random.nextGaussian();
                    }
                }
            }
            block.value().assign(Nd4j.create(values, new long[] {block.rows(), block.cols()}, params.dataType()));
        }
        return new VmaModel(config, params);
    }

    /**
     * A model with the given flat parameter vector (copied), e.g. from a checkpoint.
     *
     * @throws IllegalArgumentException if the vector's length does not fit the configuration
     */
    public static VmaModel withParameters(ModelConfig config, INDArray flat) {
        ParameterSet params = ParameterSet.allocate(config.precision().dataType(), layoutOf(config));
        if (flat.length() != params.size()) {
            throw new IllegalArgumentException("parameter vector has " + flat.length()
                    + " values but the configuration needs " + params.size());
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
                return fallback ? Nd4j.vstack(rows, params.block(FALLBACK_MEMORY).value()) : rows;
            }
        }
    }

    /**
     * Computes every per-entry quantity for this memory. Valid until the parameters change.
     *
     * @param entries memory rows from {@link #memoryFor}
     */
    public MemoryEncoding encodeMemory(INDArray entries) {
        requireMemory();
        INDArray projected = mProjection.forward(entries);
        MlpTail.Trace embedTrace = embed.forward(columns(projected, 0, h1).dup());
        MlpTail.Trace priorTrace = prior.forward(columns(projected, h1, 2 * h1).dup());
        Similarity similarity = config.similarity();
        Similarity.Rows keys = similarity.keys(embedTrace.output());
        int size = (int) entries.rows();
        double[] logPrior = new double[size];
        Similarity.Rows priorQuery = null;
        if (config.prior() == PriorKind.LEARNED) {
            priorQuery = similarity.queries(params.block(PRIOR_QUERY).value());
            double[] logits = MatrixOps.multiply(keys.transformed(), priorQuery.transformed(), false, true).toDoubleVector();
            LogSoftmax.inPlace(logits, logPrior);
        } else {
            Arrays.fill(logPrior, -Math.log(size));
        }
        INDArray rowTable = Nd4j.hstack(columns(projected, 2 * h1, 3 * h1), columns(projected, 3 * h1, 3 * h1 + h2),
                priorTrace.output());
        return new MemoryEncoding(entries, keys, priorQuery, logPrior, rowTable, embedTrace, priorTrace);
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
        INDArray input = x.castTo(dataType);
        int batch = (int) input.rows();
        int rows = batch * samples;
        INDArray projected = xProjection.forward(input);
        MlpTail.Trace queryTrace = null;
        Similarity.Rows queries = null;
        double[][] logQ = null;
        int[] addresses = null;
        INDArray gathered = null;
        INDArray encoderPre;
        double[] logPa = new double[rows];
        double[] logQa = new double[rows];
        if (memory != null) {
            queryTrace = query.forward(columns(projected, 0, h1).dup());
            queries = config.similarity().queries(queryTrace.output());
            double[][] scores = MatrixOps.multiply(queries.transformed(), memory.keys().transformed(), false, true)
                    .toDoubleMatrix();
            logQ = new double[batch][];
            for (int b = 0; b < batch; b++) {
                logQ[b] = LogSoftmax.of(scores[b]);
            }
            addresses = noise.addresses() != null
                    ? checkedAddresses(noise.addresses(), rows, memory.size())
                    : AddressSampler.sample(logQ, samples, noise.uniforms());
            for (int n = 0; n < rows; n++) {
                logPa[n] = memory.logPrior()[addresses[n]];
                logQa[n] = logQ[n / samples][addresses[n]];
            }
            gathered = Nd4j.pullRows(memory.rowTable(), 1, addresses);
            encoderPre = columns(projected, h1, 2 * h1).repeat(0, samples).addi(columns(gathered, 0, h1));
        } else {
            encoderPre = projected.repeat(0, samples);
        }
        MlpTail.Trace encoderTrace = encoder.forward(encoderPre);
        INDArray muQ = columns(encoderTrace.output(), 0, latent);
        INDArray logVarQ = columns(encoderTrace.output(), latent, 2 * latent);
        INDArray epsilon = noise.epsilon().castTo(dataType);
        INDArray sigmaQ = Transforms.exp(logVarQ.mul(0.5), false);
        INDArray z = sigmaQ.mul(epsilon).addi(muQ);
        INDArray decoderPre = zProjection.forward(z);
        if (gathered != null) {
            decoderPre.addi(columns(gathered, h1, h1 + h2));
        }
        MlpTail.Trace decoderTrace = decoder.forward(decoderPre);
        INDArray logits = decoderTrace.output();
        INDArray reconstruction = input.repeat(0, samples).muli(logits).subi(softplus(logits)).sum(1);
        INDArray logQz = logVarQ.add(epsilon.mul(epsilon)).muli(-0.5).sum(1);
        INDArray logPz;
        INDArray klLatent;
        if (gathered != null) {
            INDArray muP = columns(gathered, h1 + h2, h1 + h2 + latent);
            INDArray logVarP = columns(gathered, h1 + h2 + latent, h1 + h2 + 2 * latent);
            INDArray precisionP = Transforms.exp(logVarP.neg(), false);
            INDArray diff = z.sub(muP);
            logPz = diff.mul(diff).muli(precisionP).addi(logVarP).muli(-0.5).sum(1);
            INDArray meanGap = muQ.sub(muP);
            klLatent = Transforms.exp(logVarQ, true).addi(meanGap.muli(meanGap)).muli(precisionP)
                    .addi(logVarP).subi(logVarQ).subi(1.0).muli(0.5).sum(1);
        } else {
            logPz = z.mul(z).muli(-0.5).sum(1);
            klLatent = Transforms.exp(logVarQ, true).addi(muQ.mul(muQ)).subi(logVarQ).subi(1.0).muli(0.5).sum(1);
        }
        return new ImportancePass(input, samples, memory, addresses, logQ, queries, queryTrace, encoderTrace,
                decoderTrace, gathered, epsilon, sigmaQ, z, reconstruction.toDoubleVector(), logPz.toDoubleVector(),
                logQz.toDoubleVector(), klLatent.toDoubleVector(), logPa, logQa);
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
        return scoring.run(x, memory, samples, noise);
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
            throw new IllegalArgumentException(config.hasMemory() ? "this model needs a memory" : "this model has no memory");
        }
        if (epsilon.columns() != latent) {
            throw new IllegalArgumentException("epsilon has " + epsilon.columns() + " columns; the latent has " + latent);
        }
        int count = (int) epsilon.rows();
        INDArray eps = epsilon.castTo(dataType);
        INDArray z;
        INDArray decoderPre;
        if (memory != null) {
            if (entry < 0 || entry >= memory.size()) {
                throw new IllegalArgumentException("entry " + entry + " outside memory of size " + memory.size());
            }
            INDArray row = memory.rowTable().getRow(entry, true);
            INDArray muP = columns(row, h1 + h2, h1 + h2 + latent);
            INDArray sigmaP = Transforms.exp(columns(row, h1 + h2 + latent, h1 + h2 + 2 * latent).mul(0.5), false);
            z = eps.mulRowVector(sigmaP).addiRowVector(muP);
            decoderPre = zProjection.forward(z).addiRowVector(columns(row, h1, h1 + h2));
        } else {
            z = eps.dup();
            decoderPre = zProjection.forward(z);
        }
        return Transforms.sigmoid(decoder.forward(decoderPre).output(), false);
    }

    private void checkPass(INDArray x, MemoryEncoding memory, int samples, Noise noise) {
        if (x.columns() != config.dataDim()) {
            throw new IllegalArgumentException("examples have " + x.columns() + " values; the model expects "
                    + config.dataDim());
        }
        if (config.hasMemory() != (memory != null)) {
            throw new IllegalArgumentException(config.hasMemory() ? "this model needs a memory" : "this model has no memory");
        }
        long rows = x.rows() * samples;
        if (noise.uniforms().length != rows || noise.epsilon().rows() != rows) {
            throw new IllegalArgumentException("noise is for " + noise.uniforms().length + " samples, the pass needs " + rows);
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
        INDArray logits = pass.decoderTrace.output();
        INDArray dLogits = pass.x.repeat(0, samples).subi(Transforms.sigmoid(logits, true)).muliColumnVector(c);
        INDArray dDecoderPre = decoder.backward(pass.decoderTrace, dLogits);
        INDArray dz = zProjection.backward(pass.z, dDecoderPre, true);
        INDArray dMuP = null;
        INDArray dLogVarP = null;
        if (pass.gathered != null) {
            INDArray muP = columns(pass.gathered, h1 + h2, h1 + h2 + latent);
            INDArray logVarP = columns(pass.gathered, h1 + h2 + latent, h1 + h2 + 2 * latent);
            INDArray diff = pass.z.sub(muP);
            INDArray delta = diff.mul(Transforms.exp(logVarP.neg(), false));
            dMuP = delta.mulColumnVector(c);
            dLogVarP = diff.muli(delta).subi(1.0).muli(0.5).muliColumnVector(c);
            dz.subi(dMuP);
        } else {
            dz.subi(pass.z.mulColumnVector(c));
        }
        INDArray dLogVarQ = dz.mul(pass.sigmaQ).muli(pass.epsilon).muli(0.5).addiColumnVector(c.mul(0.5));
        INDArray dEncoderPre = encoder.backward(pass.encoderTrace, Nd4j.hstack(dz, dLogVarQ));
        INDArray dEncoderX = dEncoderPre.reshape('c', batch, samples, h1).sum(1);
        if (pass.memory == null) {
            xProjection.backward(pass.x, dEncoderX, false);
            return;
        }
        backwardMemory(pass, Nd4j.hstack(dEncoderPre, dDecoderPre, dMuP, dLogVarP), weights, signals, scale, dEncoderX);
    }

    private void backwardMemory(ImportancePass pass, INDArray dRows, double[][] weights, double[][] signals,
                                double scale, INDArray dEncoderX) {
        MemoryEncoding memory = pass.memory;
        int size = memory.size();
        int batch = pass.batch;
        int samples = pass.samples;
        int rows = batch * samples;
        double[] oneHot = new double[rows * size];
        for (int n = 0; n < rows; n++) {
            oneHot[n * size + pass.addresses[n]] = 1.0;
        }
        INDArray dRowTable = MatrixOps.multiply(Nd4j.create(oneHot, new long[] {rows, size}, dataType), dRows,
                true, false);

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
        INDArray dEmbedPre = embed.backward(memory.embedTrace(), similarity.keyGradient(memory.keys(), dKeys));
        INDArray dPriorPre = prior.backward(memory.priorTrace(), columns(dRowTable, h1 + h2, h1 + h2 + 2 * latent));
        INDArray dProjected = Nd4j.hstack(dEmbedPre, dPriorPre, columns(dRowTable, 0, h1 + h2));
        boolean trainable = config.memory() == MemoryKind.LEARNED || config.fallbackEntries() > 0;
        INDArray dEntries = mProjection.backward(memory.entries(), dProjected, trainable);
        if (config.memory() == MemoryKind.LEARNED) {
            params.block(LEARNED_MEMORY).gradient().addi(dEntries);
        } else if (trainable) {
            int fallback = config.fallbackEntries();
            params.block(FALLBACK_MEMORY).gradient().addi(dEntries.get(NDArrayIndex.interval(size - fallback, size),
                    NDArrayIndex.all()));
        }
        INDArray dQueryPre = query.backward(pass.queryTrace, similarity.queryGradient(pass.queries, dQueries));
        xProjection.backward(pass.x, Nd4j.hstack(dQueryPre, dEncoderX), false);
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

    /** log(1 + e^l) without overflow: max(l, 0) + log(1 + e^-|l|). */
    private static INDArray softplus(INDArray logits) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(logits, true).negi(), false).addi(1.0), false);
        return Transforms.relu(logits, true).addi(tail);
    }

    private static INDArray columns(INDArray matrix, int from, int to) {
        return matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
    }
}
