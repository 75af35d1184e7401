package org.vmastream.fewshot.conv;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The downscaling stack: {@value ConvConfig#CONV_LAYERS} ReLU conv 3x3 layers with SAME padding and stride 2 on
 * every second layer (26, 26, 13, 13, 7, 7, 4 for 26x26 inputs). Its weights are created once, so one stack can be
 * applied to several inputs (tied layers).
 */
final class ConvStack {
    private static final Conv2DConfig STRIDE_1 = config(1);
    private static final Conv2DConfig STRIDE_2 = config(2);

    private final SameDiff sd;
    private final SDVariable[] weights = new SDVariable[ConvConfig.CONV_LAYERS];
    private final SDVariable[] biases = new SDVariable[ConvConfig.CONV_LAYERS];
    private final int maps;
    private final int topEdge;

    ConvStack(SameDiff sd, ParamFactory params, String name, int inChannels, ConvConfig config) {
        this.sd = sd;
        this.maps = config.maps();
        this.topEdge = config.levelSizes().get(3);
        int in = inChannels;
        for (int i = 0; i < ConvConfig.CONV_LAYERS; i++) {
            weights[i] = params.weight(name + "/conv" + (i + 1) + "/w", 2.0, 9L * in, 3, 3, in, maps);
            biases[i] = params.bias(name + "/conv" + (i + 1) + "/b", 0.0, maps);
            in = maps;
        }
    }

    /**
     * @param input [n, channels, P, P]
     * @return the pyramid of the input: levels at edges P, P/2, P/4, P/8 (rounded up)
     */
    Pyramid apply(SDVariable input) {
        SDVariable[] levels = new SDVariable[4];
        SDVariable x = input;
        for (int i = 0; i < ConvConfig.CONV_LAYERS; i++) {
            Conv2DConfig stride = i % 2 == 1 ? STRIDE_2 : STRIDE_1;
            x = sd.nn().relu(sd.cnn().conv2d(x, weights[i], biases[i], stride), 0.0);
            if (i == 0) {
                levels[0] = x;
            } else if (i == 2) {
                levels[1] = x;
            } else if (i == 4) {
                levels[2] = x;
            }
        }
        levels[3] = x;
        return new Pyramid(levels);
    }

    /** Length of the flattened top level. */
    int flatSize() {
        return maps * topEdge * topEdge;
    }

    private static Conv2DConfig config(int stride) {
        return Conv2DConfig.builder()
                .kH(3)
                .kW(3)
                .sH(stride)
                .sW(stride)
                .paddingMode(PaddingMode.SAME)
                .dataFormat("NCHW")
                .build();
    }

    /** The feature maps of one stack at the four resolutions, finest first. */
    record Pyramid(SDVariable[] levels) {
        SDVariable top() {
            return levels[3];
        }
    }
}
