package org.vmastream.fewshot.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.fewshot.conv.AddressPosterior;
import org.vmastream.fewshot.conv.Feeds;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.GraphNames;
import org.vmastream.fewshot.conv.ModelKind;

/**
 * Samples from the generative model given a memory (MODEL.md, "uses"): a ~ p(a), z ~ p(z|m_a), then the pixel
 * probabilities of p(x|z, m_a). The soft-attention baseline draws z ~ N(0, I) and reads the memory through its
 * attention; the VAE ignores the memory.
 */
public final class Generator {
    private final FewShotModel model;

    public Generator(FewShotModel model) {
        this.model = model;
    }

    /**
     * @param memory     row-major binary images
     * @param memorySize |M|, at least 1 for models with memory
     * @param count      samples to draw
     * @return {@code count x P*P} pixel probabilities, row-major
     */
    public float[] generate(float[] memory, int memorySize, int count, SplittableRandom random) {
        int pixels = model.config().pixels();
        ModelKind kind = model.config().kind();
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(GraphNames.EPSILON, Feeds.normal(random, count, model.config().latent()));
        if (kind.usesMemory()) {
            if (memorySize < 1) {
                throw new IllegalArgumentException("generating from " + kind + " needs at least one memory entry");
            }
            INDArray memoryImages = Feeds.images(memory, memorySize, pixels);
            feed.put(GraphNames.MEMORY, memoryImages);
            if (kind == ModelKind.VMA) {
                // p(a) depends on the memory alone; any target will do for the addressing pass.
                float[] anyTarget = Arrays.copyOf(memory, model.config().dimension());
                AddressPosterior addresses = model.addresses(Feeds.images(anyTarget, 1, pixels), memoryImages);
                int[] chosen = new int[count];
                for (int i = 0; i < count; i++) {
                    chosen[i] = addresses.drawPrior(random.nextDouble());
                }
                feed.put(GraphNames.SELECT, Feeds.oneHot(chosen, memorySize));
            }
        }
        return model.generate(feed);
    }
}
