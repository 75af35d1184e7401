package org.vmastream.fewshot.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.fewshot.conv.AddressPosterior;
import org.vmastream.fewshot.conv.Feeds;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.GraphNames;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.conv.SampleTerms;
import org.vmastream.model.bound.ImportanceWeights;

/**
 * L_K with large K (the paper's tables use 1000) for targets against one memory, in bounded memory: the K samples
 * of each target are pushed through the graph in chunks of at most {@code rows} rows. For VMA a chunk carries only
 * the memory entries its sampled addresses use (q(a|x) and p(a) come from one pass over the whole memory), so a
 * large memory costs its addressing pass, not a pyramid per chunk.
 */
public final class BoundEstimator {
    private final FewShotModel model;
    private final int samples;
    private final int rows;
    private final SplittableRandom addressRandom;
    private final SplittableRandom noiseRandom;

    /**
     * @param samples K per target
     * @param rows    most (target, sample) rows per pass
     */
    public BoundEstimator(FewShotModel model, int samples, int rows, long seed) {
        if (samples < 1 || rows < 1) {
            throw new IllegalArgumentException("need K >= 1 and rows >= 1, got K=" + samples + ", rows=" + rows);
        }
        this.model = model;
        this.samples = samples;
        this.rows = rows;
        // Separate streams, so that the draws of row n do not depend on how rows are chunked.
        this.addressRandom = new SplittableRandom(seed);
        this.noiseRandom = addressRandom.split();
    }

    /**
     * @param targets     row-major binary images
     * @param targetCount number of targets
     * @param memory      row-major binary images (ignored by the VAE)
     * @param memorySize  |M|
     */
    public List<TargetBound> estimate(float[] targets, int targetCount, float[] memory, int memorySize) {
        Collected c = collect(targets, targetCount, memory, memorySize);
        List<TargetBound> bounds = new ArrayList<>(targetCount);
        for (int t = 0; t < targetCount; t++) {
            bounds.add(new TargetBound(
                    ImportanceWeights.bound(c.logWeights()[t]),
                    c.posterior() == null ? 0 : c.posterior().klDivergence(t),
                    c.klLatent()[t] / samples,
                    c.reconstruction()[t] / samples));
        }
        return bounds;
    }

    /**
     * Few-shot classification from importance weights (VMA): p(c|x) = sum of the normalised weights of the
     * samples whose address holds an entry of class c.
     *
     * @param memoryLabels class of each memory entry, 0 .. labelCount - 1
     * @return [targetCount][labelCount] probabilities
     */
    public double[][] labelPosterior(
            float[] targets, int targetCount, float[] memory, int[] memoryLabels, int labelCount) {
        if (model.config().kind() != ModelKind.VMA) {
            throw new IllegalStateException("only VMA classifies through its addresses");
        }
        Collected c = collect(targets, targetCount, memory, memoryLabels.length);
        double[][] probabilities = new double[targetCount][labelCount];
        for (int t = 0; t < targetCount; t++) {
            double[] weights = ImportanceWeights.of(c.logWeights()[t]).weights();
            for (int k = 0; k < samples; k++) {
                probabilities[t][memoryLabels[c.addresses()[t][k]]] += weights[k];
            }
        }
        return probabilities;
    }

    private Collected collect(float[] targets, int targetCount, float[] memory, int memorySize) {
        int pixels = model.config().pixels();
        int dimension = model.config().dimension();
        ModelKind kind = model.config().kind();
        INDArray memoryImages = kind.usesMemory() ? Feeds.images(memory, memorySize, pixels) : null;
        AddressPosterior posterior = kind == ModelKind.VMA
                ? model.addresses(Feeds.images(targets, targetCount, pixels), memoryImages)
                : null;
        Collected c = new Collected(
                new double[targetCount][samples],
                new int[targetCount][samples],
                new double[targetCount],
                new double[targetCount],
                posterior);
        List<int[]> pending = new ArrayList<>();
        for (int t = 0; t < targetCount; t++) {
            for (int k = 0; k < samples; k++) {
                int address = posterior == null ? -1 : posterior.draw(t, addressRandom.nextDouble());
                c.addresses()[t][k] = address;
                pending.add(new int[] {t, k, address});
                if (pending.size() == rows) {
                    run(pending, targets, dimension, memory, memoryImages, c);
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            run(pending, targets, dimension, memory, memoryImages, c);
        }
        return c;
    }

    /** Log-weights and sampled addresses [target][sample], and sums over samples of KL(z) and log p(x|z,m). */
    private record Collected(
            double[][] logWeights,
            int[][] addresses,
            double[] klLatent,
            double[] reconstruction,
            AddressPosterior posterior) {}

    /** One pass over a chunk of (target, sample, address) rows. */
    private void run(
            List<int[]> chunk, float[] targets, int dimension, float[] memory, INDArray memoryImages, Collected c) {
        AddressPosterior posterior = c.posterior();
        int pixels = model.config().pixels();
        Map<Integer, Integer> targetSlots = new LinkedHashMap<>();
        Map<Integer, Integer> entrySlots = new LinkedHashMap<>();
        for (int[] row : chunk) {
            targetSlots.putIfAbsent(row[0], targetSlots.size());
            if (row[2] >= 0) {
                entrySlots.putIfAbsent(row[2], entrySlots.size());
            }
        }
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(GraphNames.TARGETS, Feeds.images(gather(targets, targetSlots, dimension), targetSlots.size(), pixels));
        int[] repeat = new int[chunk.size()];
        for (int n = 0; n < chunk.size(); n++) {
            repeat[n] = targetSlots.get(chunk.get(n)[0]);
        }
        feed.put(GraphNames.REPEAT, Feeds.oneHot(repeat, targetSlots.size()));
        feed.put(
                GraphNames.EPSILON,
                Feeds.normal(noiseRandom, chunk.size(), model.config().latent()));
        if (posterior != null) {
            feed.put(GraphNames.MEMORY, Feeds.images(gather(memory, entrySlots, dimension), entrySlots.size(), pixels));
            int[] select = new int[chunk.size()];
            for (int n = 0; n < chunk.size(); n++) {
                select[n] = entrySlots.get(chunk.get(n)[2]);
            }
            feed.put(GraphNames.SELECT, Feeds.oneHot(select, entrySlots.size()));
        } else if (memoryImages != null) {
            feed.put(GraphNames.MEMORY, memoryImages);
        }
        SampleTerms terms = model.terms(feed);
        for (int n = 0; n < chunk.size(); n++) {
            int[] row = chunk.get(n);
            double logWeight = terms.continuousLogWeight(n);
            if (posterior != null) {
                logWeight += posterior.logP()[row[2]] - posterior.logQ()[row[0]][row[2]];
            }
            c.logWeights()[row[0]][row[1]] = logWeight;
            c.klLatent()[row[0]] += terms.klZ()[n];
            c.reconstruction()[row[0]] += terms.logPx()[n];
        }
    }

    /** The rows of {@code images} named by the keys of {@code slots}, in slot order. */
    private static float[] gather(float[] images, Map<Integer, Integer> slots, int dimension) {
        float[] out = new float[slots.size() * dimension];
        for (Map.Entry<Integer, Integer> slot : slots.entrySet()) {
            System.arraycopy(images, slot.getKey() * dimension, out, slot.getValue() * dimension, dimension);
        }
        return out;
    }
}
