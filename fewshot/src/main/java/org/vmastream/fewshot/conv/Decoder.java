package org.vmastream.fewshot.conv;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * p(x | z, m): a dense layer to the top of the pyramid, then stride-2 transposed convolutions up to the input
 * resolution. At the three coarse levels the skip connection from the pyramid of m is added to the upscaled maps,
 * followed by a ReLU conv 3x3. The last transposed convolution maps straight to one map of Bernoulli logits, and
 * the finest skip connection enters through a linear 1x1 projection of the pyramid's first level to the same map,
 * which equals adding the skip before a linear output layer. Without skips (the plain VAE) the sums are left out.
 *
 * <p>Why no 32-map layer at the input resolution: any 3x3 op on [128, maps, 26, 26] ran at 0.1-0.2 s forward and
 * ~1 s backward in libnd4j on two cores (its im2col buffers dominate), more than the rest of the model together.
 */
final class Decoder {
    /** Initial bias of the pixel logits: Omniglot strokes cover about a tenth of the image. */
    private static final double INK_LOGIT = -2.0;

    private static final Conv2DConfig SAME_3X3 = Conv2DConfig.builder()
            .kH(3)
            .kW(3)
            .sH(1)
            .sW(1)
            .paddingMode(PaddingMode.SAME)
            .dataFormat("NCHW")
            .build();
    private static final Conv2DConfig ONE_BY_ONE = Conv2DConfig.builder()
            .kH(1)
            .kW(1)
            .sH(1)
            .sW(1)
            .paddingMode(PaddingMode.VALID)
            .dataFormat("NCHW")
            .build();

    private final SameDiff sd;
    private final ConvConfig config;
    private final List<Integer> edges;
    private final Dense input;
    private final SDVariable[] convWeights = new SDVariable[4];
    private final SDVariable[] convBiases = new SDVariable[4];
    private final SDVariable[] upWeights = new SDVariable[3];
    private final SDVariable[] upBiases = new SDVariable[3];
    private final DeConv2DConfig[] upConfigs = new DeConv2DConfig[3];
    private final SDVariable skipWeights;

    Decoder(SameDiff sd, ParamFactory params, String name, int inputSize, ConvConfig config, boolean readsMemory) {
        this.sd = sd;
        this.config = config;
        this.edges = config.levelSizes();
        int maps = config.maps();
        int top = edges.get(3);
        this.input = Dense.relu(params, name + "/dense", inputSize, maps * top * top);
        for (int level = 3; level >= 1; level--) {
            convWeights[level] = params.weight(name + "/conv" + level + "/w", 2.0, 9L * maps, 3, 3, maps, maps);
            convBiases[level] = params.bias(name + "/conv" + level + "/b", 0.0, maps);
            int kernel = config.upKernel(level);
            int out = level == 1 ? 1 : maps;
            int i = level - 1;
            upWeights[i] = params.weight(
                    name + "/up" + level + "/w",
                    out == 1 ? 1.0 : 2.0,
                    (long) kernel * kernel * maps,
                    kernel,
                    kernel,
                    out,
                    maps);
            upBiases[i] = params.bias(name + "/up" + level + "/b", out == 1 ? INK_LOGIT : 0.0, out);
            upConfigs[i] = DeConv2DConfig.builder()
                    .kH(kernel)
                    .kW(kernel)
                    .sH(2)
                    .sW(2)
                    .pH(1)
                    .pW(1)
                    .isSameMode(false)
                    .dataFormat("NCHW")
                    .build();
        }
        this.skipWeights = readsMemory ? params.weight(name + "/skip0/w", 1.0, maps, 1, 1, maps, 1) : null;
    }

    /**
     * The finest skip connection of memory entries: their first pyramid level projected to logit space.
     *
     * @param finest [n, maps, P, P]
     * @return [n, P*P]
     */
    SDVariable finestSkip(SDVariable finest) {
        return sd.reshape(sd.cnn().conv2d(finest, skipWeights, ONE_BY_ONE), -1, config.dimension());
    }

    /**
     * @param code  [N, inputSize]: z, with the code of m appended where there is a memory
     * @param skips per level, finest first: [N, P*P] from {@link #finestSkip}, then [N, maps, edge, edge]; or
     *              null for no skip connections
     * @return [N, P*P] Bernoulli logits
     */
    SDVariable logits(SDVariable code, SDVariable[] skips) {
        int maps = config.maps();
        int top = edges.get(3);
        SDVariable x = sd.reshape(input.apply(code), -1, maps, top, top);
        for (int level = 3; level >= 1; level--) {
            if (level < 3) {
                x = sd.cnn().deconv2d(x, upWeights[level], upBiases[level], upConfigs[level]);
            }
            SDVariable in = skips == null ? x : x.add(skips[level]);
            x = sd.nn().relu(sd.cnn().conv2d(in, convWeights[level], convBiases[level], SAME_3X3), 0.0);
        }
        SDVariable logits =
                sd.reshape(sd.cnn().deconv2d(x, upWeights[0], upBiases[0], upConfigs[0]), -1, config.dimension());
        return skips == null ? logits : logits.add(skips[0]);
    }
}
