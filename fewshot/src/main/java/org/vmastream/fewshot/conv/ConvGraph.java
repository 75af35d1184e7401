package org.vmastream.fewshot.conv;

import static org.vmastream.fewshot.conv.GraphNames.*;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds the SameDiff graph of one convolutional model (VMA, VAE or soft attention) with the placeholders and
 * outputs named in {@link GraphNames}.
 *
 * <p>The graph never samples: addresses (as one-hot rows), Gaussian noise, normalised importance weights and VIMCO
 * signals come in as placeholders, so the host draws them and a test can freeze them. The surrogate loss is
 * {@code -sum_n [w_n (log p(x|z_n,m) + log p(z_n|m) + log p(a_n) - log q(z_n|m,x)) + s_n log q(a_n|x)]}: its gradient is
 * the VIMCO estimator for the address networks and the IWAE estimator for everything else (MODEL.md), because
 * {@code log q(a_n|x)} inside {@code log w_n} is left out (it would only carry the gradient the signal replaces).
 * Log-softmax and logsumexp are written out with elementary ops: ND4J's fused versions fail in backprop.
 */
public final class ConvGraph {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Bound on |log variance|, through a scaled tanh, so that early steps cannot overflow exp. */
    private static final double LOG_VARIANCE_BOUND = 8.0;

    private static final double NORM_EPSILON = 1e-8;
    /** Scale of h_q's output layer over h's at the start (VMA); see {@link #startQueryAsEmbedding}. */
    private static final double QUERY_START_GAIN = 32.0;

    private final SameDiff sd;
    private final ConvConfig config;
    private final ParamFactory params;

    private ConvGraph(ConvConfig config, DataType type, long seed) {
        this.sd = SameDiff.create();
        this.config = config;
        this.params = new ParamFactory(sd, type, seed);
        build(type);
    }

    /**
     * @param config the architecture
     * @param type   FLOAT for training, DOUBLE for gradient checks
     * @param seed   fixes the initial weights
     */
    public static SameDiff build(ConvConfig config, DataType type, long seed) {
        return new ConvGraph(config, type, seed).sd;
    }

    private void build(DataType type) {
        int p = config.pixels();
        int z = config.latent();
        SDVariable targets = sd.placeHolder(TARGETS, type, -1, 1, p, p);
        SDVariable repeat = sd.placeHolder(REPEAT, type, -1, -1);
        SDVariable epsilon = sd.placeHolder(EPSILON, type, -1, z);
        SDVariable weights = sd.placeHolder(WEIGHTS, type, -1);
        SDVariable targetsFlat = sd.reshape(targets, -1, config.dimension());
        SDVariable xRepeated = repeat.mmul(targetsFlat);

        Parts parts = config.kind() == ModelKind.VMA
                ? addressed(targets, repeat, epsilon)
                : unaddressed(targets, repeat, epsilon, type);

        SDVariable logits = parts.logits();
        SDVariable logPx = sd.sum(xRepeated.mul(logits).sub(softplus(logits)), 1);
        sd.updateVariableNameAndReference(logPx, LOG_PX);
        SDVariable latentWeight = sd.placeHolder(LATENT_WEIGHT, type, 1);
        SDVariable logW = logPx.add(parts.logPz().sub(parts.logQz()).mul(latentWeight));
        SDVariable objective = weights.mul(parts.logPa() == null ? logW : logW.add(parts.logPa()));
        if (parts.logQa() != null) {
            SDVariable signals = sd.placeHolder(SIGNALS, type, -1);
            objective = objective.add(signals.mul(parts.logQa()));
        }
        SDVariable loss = sd.sum(objective).neg();
        sd.updateVariableNameAndReference(loss, LOSS);
        sd.setLossVariables(LOSS);
    }

    /**
     * VMA: q(a|x), p(a), p(z|m_a), q(z|m_a, x), p(x|z, m_a) with m_a selected by one-hot rows. q(z|m_a, x) reads
     * x through its own conv stack and m_a through the pyramid shared with p(z|m) and the decoder (the paper ties
     * these downscaling layers), joined at the MLP head: a conv stack on concat(x, m_a) per sample ran every one of
     * the B K pairs through six conv layers and made a training step 1.7 times slower on two cores.
     */
    private Parts addressed(SDVariable targets, SDVariable repeat, SDVariable epsilon) {
        int p = config.pixels();
        SDVariable memory = sd.placeHolder(MEMORY, targets.dataType(), -1, 1, p, p);
        SDVariable select = sd.placeHolder(SELECT, targets.dataType(), -1, -1);

        SDVariable memoryKeys = embedding("h", memory);
        SDVariable queries = embedding("h_q", targets);
        startQueryAsEmbedding();
        SDVariable keyNorms = norms(memoryKeys);
        SDVariable addressLogits = queries.mmul(sd.transpose(memoryKeys)).div(sd.transpose(keyNorms));
        sd.updateVariableNameAndReference(addressLogits, ADDRESS_LOGITS);
        SDVariable priorLogits;
        if (config.learnedPrior()) {
            SDVariable query = params.weight("e_p", 1.0, config.matching(), config.matching(), 1);
            priorLogits = sd.transpose(memoryKeys.mmul(query).div(keyNorms));
        } else {
            priorLogits = sd.transpose(sd.zerosLike(keyNorms));
        }
        sd.updateVariableNameAndReference(priorLogits, PRIOR_LOGITS);
        SDVariable logQa = sd.sum(select.mul(repeat.mmul(logSoftmax(addressLogits))), 1);
        SDVariable logPa = sd.sum(select.mul(logSoftmax(priorLogits)), 1);

        ConvStack pyramidStack = new ConvStack(sd, params, "pyramid", 1, config);
        ConvStack.Pyramid memoryPyramid = pyramidStack.apply(memory);
        SDVariable head = Dense.relu(params, "prior/hidden", pyramidStack.flatSize(), config.hidden())
                .apply(flatten(memoryPyramid.top(), 3));
        SDVariable priorMean = select.mmul(Dense.linear(params, "prior/mean", config.hidden(), config.latent())
                .apply(head));
        SDVariable priorLogVar =
                select.mmul(bounded(Dense.linear(params, "prior/logvar", config.hidden(), config.latent())
                        .apply(head)));
        SDVariable memoryCode = select.mmul(Dense.linear(params, "prior/code", config.hidden(), config.latent())
                .apply(head));

        ConvStack queryStack = new ConvStack(sd, params, "q/conv", 1, config);
        SDVariable targetFeatures =
                repeat.mmul(flatten(queryStack.apply(targets).top(), 3));
        SDVariable entryFeatures = select.mmul(flatten(memoryPyramid.top(), 3));
        Gaussian posterior = gaussianHead("q", sd.concat(1, targetFeatures, entryFeatures), 2 * queryStack.flatSize());

        SDVariable latent =
                posterior.mean().add(sd.math().exp(posterior.logVar().mul(0.5)).mul(epsilon));
        Decoder decoder = new Decoder(sd, params, "decoder", 2 * config.latent(), config, true);
        SDVariable[] skips = memoryLevels(memoryPyramid, decoder);
        for (int level = 0; level < 4; level++) {
            skips[level] = select.mmul(skips[level]);
            if (level > 0) {
                int edge = config.levelSizes().get(level);
                skips[level] = sd.reshape(skips[level], -1, config.maps(), edge, edge);
            }
        }
        SDVariable logits = decoder.logits(sd.concat(1, latent, memoryCode), skips);

        SDVariable prior = gaussianLogDensity(latent, priorMean, priorLogVar);
        SDVariable logQz = posteriorLogDensity(posterior, epsilon);
        name(prior, LOG_PZ);
        name(logQz, LOG_QZ);
        name(klDivergence(posterior, priorMean, priorLogVar), KL_Z);

        SDVariable generated = priorMean.add(sd.math().exp(priorLogVar.mul(0.5)).mul(epsilon));
        name(sd.nn().sigmoid(decoder.logits(sd.concat(1, generated, memoryCode), skips)), SAMPLE);
        return new Parts(logits, prior, logQz, logPa, logQa);
    }

    /** The VAE and the soft-attention baseline: q(z|x) per target, p(z) = N(0, I). */
    private Parts unaddressed(SDVariable targets, SDVariable repeat, SDVariable epsilon, DataType type) {
        ConvStack queryStack = new ConvStack(sd, params, "q/conv", 1, config);
        Gaussian perTarget = gaussianHead("q", flatten(queryStack.apply(targets).top(), 3), queryStack.flatSize());
        Gaussian posterior = new Gaussian(repeat.mmul(perTarget.mean()), repeat.mmul(perTarget.logVar()));
        SDVariable latent =
                posterior.mean().add(sd.math().exp(posterior.logVar().mul(0.5)).mul(epsilon));

        SDVariable logits;
        SDVariable sample;
        if (config.kind() == ModelKind.SOFT_ATTENTION) {
            Decoder decoder = new Decoder(sd, params, "decoder", 2 * config.latent(), config, true);
            SoftReader reader = new SoftReader(type, decoder);
            logits = reader.decode(decoder, latent);
            sample = reader.decode(decoder, epsilon);
        } else {
            Decoder decoder = new Decoder(sd, params, "decoder", config.latent(), config, false);
            logits = decoder.logits(latent, null);
            sample = decoder.logits(epsilon, null);
        }
        name(sd.nn().sigmoid(sample), SAMPLE);
        SDVariable zeros = sd.zerosLike(posterior.mean());
        SDVariable prior = gaussianLogDensity(latent, zeros, zeros);
        SDVariable logQz = posteriorLogDensity(posterior, epsilon);
        name(prior, LOG_PZ);
        name(logQz, LOG_QZ);
        name(klDivergence(posterior, zeros, zeros), KL_Z);
        return new Parts(logits, prior, logQz, null, null);
    }

    /**
     * Section 4.2's reader: attention weights over all entries from a key computed from z, and the decoder's
     * memory inputs (skips and code) as the attention-weighted average of the entries' pyramids.
     */
    private final class SoftReader {
        private final SDVariable keys;
        private final SDVariable keyNorms;
        private final Dense query;
        private final SDVariable[] flatLevels;
        private final SDVariable memoryCode;

        SoftReader(DataType type, Decoder decoder) {
            int p = config.pixels();
            SDVariable memory = sd.placeHolder(MEMORY, type, -1, 1, p, p);
            keys = embedding("h", memory);
            keyNorms = norms(keys);
            query = Dense.linear(params, "attention/query", config.latent(), config.matching());
            ConvStack pyramidStack = new ConvStack(sd, params, "pyramid", 1, config);
            ConvStack.Pyramid pyramid = pyramidStack.apply(memory);
            SDVariable head = Dense.relu(params, "memory/hidden", pyramidStack.flatSize(), config.hidden())
                    .apply(flatten(pyramid.top(), 3));
            memoryCode = Dense.linear(params, "memory/code", config.hidden(), config.latent())
                    .apply(head);
            flatLevels = memoryLevels(pyramid, decoder);
        }

        SDVariable decode(Decoder decoder, SDVariable latent) {
            SDVariable scores = query.apply(latent).mmul(sd.transpose(keys)).div(sd.transpose(keyNorms));
            SDVariable attention = sd.math().exp(logSoftmax(scores));
            SDVariable[] skips = new SDVariable[4];
            skips[0] = attention.mmul(flatLevels[0]);
            for (int level = 1; level < 4; level++) {
                int edge = config.levelSizes().get(level);
                skips[level] = sd.reshape(attention.mmul(flatLevels[level]), -1, config.maps(), edge, edge);
            }
            return decoder.logits(sd.concat(1, latent, attention.mmul(memoryCode)), skips);
        }
    }

    /**
     * Starts h_q as a copy of h with its output layer scaled by {@value #QUERY_START_GAIN}, so that q(a|x)
     * starts as a nearest-neighbour lookup in h's random conv features instead of near uniform. Measured
     * at initialisation on held-out characters: 5-way 1-shot accuracy from q(a|x) 55% against 18% with
     * independent h_q; on 32-entry episodes H(q) = 1.44 nats and q puts 0.51 of its mass on the target's
     * class (chance 0.125). The two stacks remain separate parameters, as in the paper.
     */
    private void startQueryAsEmbedding() {
        for (SDVariable variable : sd.variables()) {
            String name = variable.name();
            if (variable.getArr() != null && name.startsWith("h/")) {
                INDArray copy = variable.getArr().dup();
                String query = "h_q/" + name.substring(2);
                sd.getVariable(query)
                        .getArr()
                        .assign(query.startsWith("h_q/out/") ? copy.muli(QUERY_START_GAIN) : copy);
            }
        }
    }

    /** A conv stack and a linear map into the matching space. */
    private SDVariable embedding(String name, SDVariable images) {
        ConvStack stack = new ConvStack(sd, params, name + "/conv", 1, config);
        return Dense.linear(params, name + "/out", stack.flatSize(), config.matching())
                .apply(flatten(stack.apply(images).top(), 3));
    }

    /** A diagonal Gaussian from an MLP with one hidden layer on {@code features} [n, width]. */
    private Gaussian gaussianHead(String name, SDVariable features, int width) {
        SDVariable hidden =
                Dense.relu(params, name + "/hidden", width, config.hidden()).apply(features);
        SDVariable mean = Dense.linear(params, name + "/mean", config.hidden(), config.latent())
                .apply(hidden);
        SDVariable logVar = bounded(Dense.linear(params, name + "/logvar", config.hidden(), config.latent())
                .apply(hidden));
        return new Gaussian(mean, logVar);
    }

    /** Per memory entry, flattened: the finest level projected by the decoder, then the coarse levels. */
    private SDVariable[] memoryLevels(ConvStack.Pyramid pyramid, Decoder decoder) {
        SDVariable[] levels = new SDVariable[4];
        levels[0] = decoder.finestSkip(pyramid.levels()[0]);
        for (int level = 1; level < 4; level++) {
            levels[level] = flatten(pyramid.levels()[level], level);
        }
        return levels;
    }

    /** [n, maps, edge, edge] to [n, maps * edge * edge]. */
    private SDVariable flatten(SDVariable maps, int level) {
        int edge = config.levelSizes().get(level);
        return sd.reshape(maps, -1, (long) config.maps() * edge * edge);
    }

    private SDVariable norms(SDVariable rows) {
        return sd.math().sqrt(sd.sum(rows.mul(rows), true, 1).add(NORM_EPSILON));
    }

    /** Row-wise log-softmax from elementary ops (max-shifted; the max's gradient cancels exactly). */
    private SDVariable logSoftmax(SDVariable logits) {
        SDVariable shifted = logits.sub(sd.max(logits, true, 1));
        return shifted.sub(sd.math().log(sd.sum(sd.math().exp(shifted), true, 1)));
    }

    /** log(1 + e^x) computed as max(x, 0) + log1p(e^-|x|), finite for any logit. */
    private SDVariable softplus(SDVariable x) {
        return sd.nn()
                .relu(x, 0.0)
                .add(sd.math().log1p(sd.math().exp(sd.math().abs(x).neg())));
    }

    private SDVariable bounded(SDVariable logVar) {
        return sd.math().tanh(logVar.div(LOG_VARIANCE_BOUND)).mul(LOG_VARIANCE_BOUND);
    }

    private SDVariable gaussianLogDensity(SDVariable x, SDVariable mean, SDVariable logVar) {
        SDVariable diff = x.sub(mean);
        SDVariable terms =
                logVar.add(diff.mul(diff).mul(sd.math().exp(logVar.neg()))).add(LOG_2PI);
        return sd.sum(terms, 1).mul(-0.5);
    }

    /** log q(z|.) at z = mean + sigma eps: the quadratic term is eps^2 exactly. */
    private SDVariable posteriorLogDensity(Gaussian posterior, SDVariable epsilon) {
        return sd.sum(posterior.logVar().add(epsilon.mul(epsilon)).add(LOG_2PI), 1)
                .mul(-0.5);
    }

    private SDVariable klDivergence(Gaussian q, SDVariable priorMean, SDVariable priorLogVar) {
        SDVariable diff = q.mean().sub(priorMean);
        SDVariable ratio =
                sd.math().exp(q.logVar()).add(diff.mul(diff)).mul(sd.math().exp(priorLogVar.neg()));
        return sd.sum(priorLogVar.sub(q.logVar()).add(ratio).sub(1.0), 1).mul(0.5);
    }

    private void name(SDVariable variable, String name) {
        sd.updateVariableNameAndReference(variable, name);
    }

    private record Gaussian(SDVariable mean, SDVariable logVar) {}

    /** Per-sample terms of log w; logPa and logQa are null without addresses. */
    private record Parts(SDVariable logits, SDVariable logPz, SDVariable logQz, SDVariable logPa, SDVariable logQa) {}
}
