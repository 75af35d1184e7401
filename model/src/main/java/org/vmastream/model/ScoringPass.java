package org.vmastream.model;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.addressing.TruncatedAddressing;
import org.vmastream.model.memory.LatentPrior;
import org.vmastream.model.memory.MemoryEncoding;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.MatrixOps;
import org.vmastream.model.nn.MlpTail;
import org.vmastream.model.nn.Projection;
import org.vmastream.model.nn.RowParallel;

/**
 * The forward pass of {@link VmaModel#forward} for scoring only: the same samples and terms of log w,
 * computed with fewer and cheaper array passes because nothing is kept for a backward pass.
 *
 * <p>The matrix products stay in ND4J; everything elementwise is a Java loop over rows of native
 * memory ({@link HostView}) instead of a chain of ND4J ops with a temporary each: gathering memory
 * rows by address, the latent terms, and the Bernoulli log-likelihood, which is most of the
 * elementwise work (B * K * dataDim logits). The loops are split over the cores, as ND4J's ops are.
 */
final class ScoringPass {
    private final ModelConfig config;
    private final DataType dataType;
    private final Projection xProjection;
    private final Projection zProjection;
    private final MlpTail encoder;
    private final MlpTail decoder;
    private final MlpTail query;
    private final int h1;
    private final int h2;
    private final int latent;

    /** The networks of a model; {@code query} is null for the memory-less model. */
    ScoringPass(
            ModelConfig config,
            DataType dataType,
            Projection xProjection,
            Projection zProjection,
            MlpTail encoder,
            MlpTail decoder,
            MlpTail query) {
        this.config = config;
        this.dataType = dataType;
        this.xProjection = xProjection;
        this.zProjection = zProjection;
        this.encoder = encoder;
        this.decoder = decoder;
        this.query = query;
        this.h1 = config.hidden1();
        this.h2 = config.hidden2();
        this.latent = config.latentDim();
    }

    /** Computes the memory rows of the given entries: what a truncated pass gathers from. */
    @FunctionalInterface
    interface EntryRowSource {
        EntryRowTable rows(int[] entries);
    }

    /**
     * Per-entry rows of some entries: row table, p(z|m) and output skip terms (null without the skip),
     * one row per entry in the order asked for.
     */
    record EntryRowTable(INDArray rowTable, LatentPrior latentPrior, INDArray outputSkip) {}

    /** See {@link VmaModel#score}; arguments are already validated. */
    SampleScores run(INDArray x, MemoryEncoding memory, int samples, Noise noise) {
        return run(x, memory, samples, noise, null, null);
    }

    /**
     * See {@link VmaModel#score(INDArray, MemoryEncoding, TruncatedAddressing, int, Noise)}: with
     * {@code truncation}, each example's q(a|x) is over its candidates only and the rows of the
     * entries its samples drew come from {@code rowSource}; arguments are already validated.
     */
    SampleScores run(
            INDArray x,
            MemoryEncoding memory,
            int samples,
            Noise noise,
            TruncatedAddressing truncation,
            EntryRowSource rowSource) {
        INDArray input = HostView.viewable(x.castTo(dataType));
        int batch = (int) input.rows();
        int rows = batch * samples;
        INDArray projected = xProjection.forward(input);
        double[] logAddressRatio = new double[rows];
        Addressing addressing = null;
        if (memory != null) {
            addressing = truncation == null
                    ? dense(projected, memory, samples, noise)
                    : truncated(projected, memory, truncation, rowSource, samples, noise);
            for (int n = 0; n < rows; n++) {
                int b = n / samples;
                logAddressRatio[n] =
                        memory.logPrior()[addressing.addresses[n]] - addressing.logQ[b][addressing.local[n]];
            }
        }
        RowTable table = addressing == null ? null : addressing.table;
        INDArray encoderOut = (table == null
                        ? encoder.forward(EncoderInput.build(dataType, h1, projected, 0, samples, null, null))
                        : encoder.forward(
                                EncoderInput.build(dataType, h1, projected, h1, samples, table.values, table::start)))
                .output();
        Latent z = latent(
                encoderOut,
                HostView.viewable(noise.epsilon().castTo(dataType)),
                table,
                addressing == null ? null : addressing.latentPrior);
        INDArray decoderPre;
        if (table != null) {
            decoderPre = gather(table, h1, h2);
            MatrixOps.accumulate(z.sample(), zProjection.weight(), decoderPre, false, false);
        } else {
            decoderPre = zProjection.forward(z.sample());
        }
        INDArray logits = MatrixOps.multiply(decoder.lastHidden(decoderPre), decoder.outputWeight(), false, false);
        INDArray skip =
                addressing == null || addressing.outputSkip == null ? null : HostView.viewable(addressing.outputSkip);
        double[] reconstruction = logLikelihood(input, logits, samples, skip, table == null ? null : table.slots);
        double[] logWeights = new double[rows];
        for (int n = 0; n < rows; n++) {
            logWeights[n] = reconstruction[n] + z.logPrior()[n] - z.logPosterior()[n] + logAddressRatio[n];
        }
        return addressing == null
                ? new SampleScores(samples, null, null, null, null, logWeights, reconstruction, z.kl())
                : new SampleScores(
                        samples,
                        addressing.logQ,
                        addressing.q,
                        addressing.support,
                        addressing.addresses,
                        logWeights,
                        reconstruction,
                        z.kl());
    }

    /** q(a|x) over every entry, and the memory's own row table. */
    private Addressing dense(INDArray projected, MemoryEncoding memory, int samples, Noise noise) {
        int batch = (int) projected.rows();
        double[][] logQ = new double[batch][memory.size()];
        double[][] q = new double[batch][memory.size()];
        addressPosterior(projected, memory, logQ, q);
        int[] addresses = noise.addresses() != null
                ? VmaModel.checkedAddresses(noise.addresses(), batch * samples, memory.size())
                : sample(q, samples, noise.uniforms());
        return new Addressing(
                logQ,
                q,
                null,
                addresses,
                addresses,
                new RowTable(memory.rowTable(), addresses),
                memory.latentPrior(),
                memory.outputSkip());
    }

    /**
     * q(a|x) over each example's candidates, and rows computed for the entries drawn, each once.
     * Fixed addresses in {@code noise} are not supported: they may fall outside the candidates.
     */
    private Addressing truncated(
            INDArray projected,
            MemoryEncoding memory,
            TruncatedAddressing truncation,
            EntryRowSource rowSource,
            int samples,
            Noise noise) {
        if (noise.addresses() != null) {
            throw new IllegalArgumentException("fixed addresses cannot be scored through truncated addressing");
        }
        int batch = (int) projected.rows();
        INDArray embedded = query.forward(projected.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h1)))
                .output();
        INDArray queries =
                HostView.viewable(config.similarity().queries(embedded).transformed());
        INDArray keys = HostView.viewable(memory.keys().transformed());
        int width = (int) keys.columns();
        int count = Math.min(truncation.candidates(), memory.size());
        double[][] logQ = new double[batch][];
        double[][] q = new double[batch][];
        int[][] support = new int[batch][];
        int[] local = new int[batch * samples];
        RowParallel.inParallel(batch, (from, to) -> {
            HostView queryRows = HostView.of(queries);
            HostView keyRows = HostView.of(keys);
            double[] queryRow = new double[width];
            double[] key = new double[width];
            float[] unit = new float[width];
            double[] cdf = new double[count];
            for (int b = from; b < to; b++) {
                queryRows.get(b * width, queryRow, width);
                unitInto(queryRow, unit);
                int[] candidates = truncation.search().nearest(unit, count);
                double[] scratch = candidates.length == count ? cdf : new double[candidates.length];
                double[] logits = new double[candidates.length];
                for (int c = 0; c < candidates.length; c++) {
                    keyRows.get(candidates[c] * width, key, width);
                    double dot = 0;
                    for (int d = 0; d < width; d++) {
                        dot += key[d] * queryRow[d];
                    }
                    logits[c] = dot;
                }
                support[b] = candidates;
                logQ[b] = logits;
                q[b] = new double[candidates.length];
                LogSoftmax.withProbabilities(logits, logQ[b], q[b]);
                AddressSampler.sampleExample(q[b], b, samples, noise.uniforms(), local, scratch);
            }
        });
        int[] addresses = new int[local.length];
        int[] slots = new int[local.length];
        int[] slotOf = new int[memory.size()];
        Arrays.fill(slotOf, -1);
        int[] unique = new int[local.length];
        int distinct = 0;
        for (int n = 0; n < local.length; n++) {
            int a = support[n / samples][local[n]];
            addresses[n] = a;
            if (slotOf[a] < 0) {
                slotOf[a] = distinct;
                unique[distinct++] = a;
            }
            slots[n] = slotOf[a];
        }
        EntryRowTable drawn = rowSource.rows(Arrays.copyOf(unique, distinct));
        return new Addressing(
                logQ,
                q,
                support,
                addresses,
                local,
                new RowTable(drawn.rowTable(), slots),
                drawn.latentPrior(),
                drawn.outputSkip());
    }

    /** {@code row} scaled to unit length, as floats. */
    private static void unitInto(double[] row, float[] unit) {
        double norm = 0;
        for (double v : row) {
            norm += v * v;
        }
        double scale = 1 / Math.sqrt(norm + 1e-30);
        for (int d = 0; d < row.length; d++) {
            unit[d] = (float) (row[d] * scale);
        }
    }

    /** Fills log q(a|x) and q(a|x) for every example and entry. */
    private void addressPosterior(INDArray projected, MemoryEncoding memory, double[][] logQ, double[][] q) {
        // The query network's columns of the projection are read by nothing else: it may overwrite them.
        INDArray embedded = query.forward(projected.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h1)))
                .output();
        Similarity.Rows queries = config.similarity().queries(embedded);
        INDArray scores =
                MatrixOps.multiply(queries.transformed(), memory.keys().transformed(), false, true);
        int size = memory.size();
        RowParallel.inParallel(logQ.length, (from, to) -> {
            HostView view = HostView.of(scores);
            for (int b = from; b < to; b++) {
                view.get(b * size, logQ[b], size);
                LogSoftmax.withProbabilities(logQ[b], logQ[b], q[b]);
            }
        });
    }

    /** Addresses drawn from the probabilities computed with log q, which AddressSampler.sample would recompute. */
    private static int[] sample(double[][] q, int samples, double[] uniforms) {
        int[] addresses = new int[q.length * samples];
        double[] cdf = new double[q.length == 0 ? 0 : q[0].length];
        for (int b = 0; b < q.length; b++) {
            AddressSampler.sampleExample(q[b], b, samples, uniforms, addresses, cdf);
        }
        return addresses;
    }

    /** Columns [from, from + count) of every sample's entry, as a new rows x count array. */
    private INDArray gather(RowTable table, int from, int count) {
        int rows = table.slots.length;
        INDArray gathered = Nd4j.createUninitialized(dataType, rows, count);
        RowParallel.inParallel(rows, (first, end) -> {
            HostView out = HostView.of(gathered);
            HostView entries = table.view();
            double[] row = new double[count];
            for (int n = first; n < end; n++) {
                entries.get(table.start(n) + from, row, count);
                out.put(n * count, row, count);
            }
        });
        return gathered;
    }

    /**
     * z = mu + sigma * eps and, per sample, log p(z|m_a), log q(z|m_a,x) (both without their 2 pi
     * terms, which cancel in log w) and the analytic KL.
     */
    private Latent latent(INDArray encoderOut, INDArray epsilon, RowTable table, LatentPrior prior) {
        int rows = (int) encoderOut.rows();
        Latent result = new Latent(
                Nd4j.createUninitialized(dataType, rows, latent), new double[rows], new double[rows], new double[rows]);
        RowParallel.inParallel(rows, (first, end) -> {
            HostView posterior = HostView.of(encoderOut);
            HostView noise = HostView.of(epsilon);
            HostView out = HostView.of(result.sample());
            double[] q = new double[2 * latent];
            double[] eps = new double[latent];
            double[] z = new double[latent];
            for (int n = first; n < end; n++) {
                posterior.get(n * 2 * latent, q, 2 * latent);
                noise.get(n * latent, eps, latent);
                int entry = prior == null ? 0 : table.slots[n] * latent;
                double logP = 0;
                double logQ = 0;
                double kl = 0;
                for (int j = 0; j < latent; j++) {
                    double mu = q[j];
                    double logVar = q[latent + j];
                    double sigma = Math.exp(0.5 * logVar);
                    z[j] = sigma * eps[j] + mu;
                    logQ += logVar + eps[j] * eps[j];
                    if (prior == null) {
                        logP += z[j] * z[j];
                        kl += sigma * sigma + mu * mu - logVar - 1;
                    } else {
                        double muP = prior.mean()[entry + j];
                        double logVarP = prior.logVariance()[entry + j];
                        double precisionP = prior.precision()[entry + j];
                        double diff = z[j] - muP;
                        double gap = mu - muP;
                        logP += diff * diff * precisionP + logVarP;
                        kl += (sigma * sigma + gap * gap) * precisionP + logVarP - logVar - 1;
                    }
                }
                out.put(n * latent, z, latent);
                result.logPrior()[n] = -0.5 * logP;
                result.logPosterior()[n] = -0.5 * logQ;
                result.kl()[n] = 0.5 * kl;
            }
        });
        return result;
    }

    /**
     * log p(x|z,m_a) = sum_d x_d l_d - softplus(l_d) per sample, from the logits before the output
     * bias (overwritten) and, if {@code skip} is given, before each sample's entry's row of it.
     * softplus(l) = max(l, 0) + log(1 + e^-|l|) is exact and cannot overflow;
     * the exponentials are one native pass, and the logs of a row are taken of the product of its
     * factors 1 + e^-|l|, once per {@value BernoulliTerms#FACTORS_PER_LOG} values instead of once per value.
     */
    private double[] logLikelihood(INDArray input, INDArray logits, int samples, INDArray skip, int[] slots) {
        int rows = (int) logits.rows();
        int dim = (int) logits.columns();
        double[] bias = HostView.rowValues(decoder.outputBias());
        double[] out = new double[rows];
        RowParallel.inParallel(rows, (first, end) -> {
            HostView examples = HostView.of(input);
            HostView values = HostView.of(logits);
            HostView skips = skip == null ? null : HostView.of(skip);
            double[] x = new double[dim];
            double[] l = new double[dim];
            double[] entrySkip = skip == null ? null : new double[dim];
            for (int n = first; n < end; n++) {
                if (n == first || n % samples == 0) {
                    examples.get((n / samples) * dim, x, dim);
                }
                values.get(n * dim, l, dim);
                if (skips != null) {
                    skips.get(slots[n] * dim, entrySkip, dim);
                    for (int d = 0; d < dim; d++) {
                        l[d] += entrySkip[d];
                    }
                }
                out[n] = linearTerms(x, l, bias);
                values.put(n * dim, l, dim);
            }
        });
        Transforms.exp(logits, false);
        RowParallel.inParallel(rows, (first, end) -> {
            HostView values = HostView.of(logits);
            double[] factors = new double[dim];
            for (int n = first; n < end; n++) {
                values.get(n * dim, factors, dim);
                out[n] -= BernoulliTerms.logOfProduct(factors);
            }
        });
        return out;
    }

    /**
     * sum_d x_d l_d - max(l_d, 0) with l = logits + bias, replacing each logit by -|l_d|, the
     * argument of the exponential in softplus. Four partial sums: with one, every step would wait for
     * the previous addition to finish.
     */
    private static double linearTerms(double[] x, double[] logits, double[] bias) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 3 < logits.length; d += 4) {
            double l0 = logits[d] + bias[d];
            double l1 = logits[d + 1] + bias[d + 1];
            double l2 = logits[d + 2] + bias[d + 2];
            double l3 = logits[d + 3] + bias[d + 3];
            s0 += x[d] * l0 - Math.max(l0, 0);
            s1 += x[d + 1] * l1 - Math.max(l1, 0);
            s2 += x[d + 2] * l2 - Math.max(l2, 0);
            s3 += x[d + 3] * l3 - Math.max(l3, 0);
            logits[d] = -Math.abs(l0);
            logits[d + 1] = -Math.abs(l1);
            logits[d + 2] = -Math.abs(l2);
            logits[d + 3] = -Math.abs(l3);
        }
        for (; d < logits.length; d++) {
            double l0 = logits[d] + bias[d];
            s0 += x[d] * l0 - Math.max(l0, 0);
            logits[d] = -Math.abs(l0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * A row table as seen by the sampled addresses of a pass: sample row n reads the table's row
     * {@code slots[n]} (the address itself when the table holds every entry).
     */
    private static final class RowTable {
        final INDArray values;
        final int width;
        final int[] slots;

        RowTable(INDArray values, int[] slots) {
            this.values = HostView.viewable(values);
            this.width = (int) values.columns();
            this.slots = slots;
        }

        /** A new view of the table, for one thread. */
        HostView view() {
            return HostView.of(values);
        }

        /** Flat index of the first value of sample row n's entry. */
        int start(int n) {
            return slots[n] * width;
        }
    }

    /**
     * The addressing of a pass: q(a|x) per example over {@code support} (null: every entry), the
     * sampled entries, each sample's index into its example's q arrays, and the rows to gather from.
     */
    private record Addressing(
            double[][] logQ,
            double[][] q,
            int[][] support,
            int[] addresses,
            int[] local,
            RowTable table,
            LatentPrior latentPrior,
            INDArray outputSkip) {}

    /** z and its per-sample terms. */
    private record Latent(INDArray sample, double[] logPrior, double[] logPosterior, double[] kl) {}
}
