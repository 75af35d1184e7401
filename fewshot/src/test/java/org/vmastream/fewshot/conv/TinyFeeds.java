package org.vmastream.fewshot.conv;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random placeholder values for a tiny graph: binary images, one-hot addresses, noise, weights and signals. */
final class TinyFeeds {
    private TinyFeeds() {}

    static Map<String, INDArray> of(ConvConfig config, int targets, int samples, int entries, SplittableRandom random) {
        int p = config.pixels();
        int rows = targets * samples;
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(GraphNames.TARGETS, binary(random, targets, p));
        double[][] repeat = new double[rows][targets];
        for (int n = 0; n < rows; n++) {
            repeat[n][n / samples] = 1;
        }
        feed.put(GraphNames.REPEAT, Nd4j.createFromArray(repeat));
        feed.put(GraphNames.EPSILON, gaussian(random, rows, config.latent()));
        feed.put(GraphNames.WEIGHTS, uniform(random, rows));
        feed.put(GraphNames.LATENT_WEIGHT, Nd4j.createFromArray(0.5 + 0.5 * random.nextDouble()));
        if (config.kind().usesMemory()) {
            feed.put(GraphNames.MEMORY, binary(random, entries, p));
        }
        if (config.kind() == ModelKind.VMA) {
            double[][] select = new double[rows][entries];
            for (int n = 0; n < rows; n++) {
                select[n][random.nextInt(entries)] = 1;
            }
            feed.put(GraphNames.SELECT, Nd4j.createFromArray(select));
            INDArray signals = uniform(random, rows).subi(0.5);
            feed.put(GraphNames.SIGNALS, signals);
        }
        return feed;
    }

    private static INDArray binary(SplittableRandom random, int count, int pixels) {
        double[] values = new double[count * pixels * pixels];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.3 ? 1 : 0;
        }
        return Nd4j.create(values, new long[] {count, 1, pixels, pixels}, DataType.DOUBLE);
    }

    private static INDArray gaussian(SplittableRandom random, int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {rows, cols}, DataType.DOUBLE);
    }

    private static INDArray uniform(SplittableRandom random, int rows) {
        double[] values = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[i] = random.nextDouble();
        }
        return Nd4j.create(values, new long[] {rows}, DataType.DOUBLE);
    }
}
