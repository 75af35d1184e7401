package org.vmastream.experiments.novelty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline a DL4J user would pick instead of ours: DL4J's own {@code VariationalAutoencoder}
 * layer with a Bernoulli reconstruction distribution, trained unsupervised on the same images for
 * the same time, scoring an event by {@code -reconstructionLogProbability} as in DL4J's MNIST
 * anomaly example. It has no memory: it knows only what it was trained on.
 */
public final class Dl4jVaeBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(Dl4jVaeBaseline.class);
    private static final int BATCH = 128;
    private static final int LATENT = 32;
    private static final int HIDDEN = 256;
    /** Importance samples of the reconstruction log-probability per event, as DL4J's example takes. */
    private static final int SAMPLES = 16;

    private final MultiLayerNetwork network;

    private Dl4jVaeBaseline(MultiLayerNetwork network) {
        this.network = network;
    }

    /**
     * The network saved at {@code file}, else one trained on {@code images} for {@code time} or
     * {@code maxSteps} minibatches, whichever ends first, and saved there.
     */
    public static Dl4jVaeBaseline trainOrLoad(
            Path file, float[] images, int dimension, Duration time, long maxSteps, long seed) throws IOException {
        if (Files.exists(file)) {
            return new Dl4jVaeBaseline(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false));
        }
        Dl4jVaeBaseline trained = train(images, dimension, time, maxSteps, seed);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ModelSerializer.writeModel(trained.network, file.toFile(), false);
        return trained;
    }

    /**
     * Trains on minibatches drawn uniformly from {@code images} (rows of {@code dimension}) for
     * {@code time} or {@code maxSteps} minibatches, whichever ends first.
     */
    static Dl4jVaeBaseline train(float[] images, int dimension, Duration time, long maxSteps, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .l2(1e-4)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .activation(Activation.LEAKYRELU)
                        .encoderLayerSizes(HIDDEN, HIDDEN)
                        .decoderLayerSizes(HIDDEN, HIDDEN)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .nIn(dimension)
                        .nOut(LATENT)
                        .build())
                .build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        int count = images.length / dimension;
        SplittableRandom random = new SplittableRandom(seed);
        float[] batch = new float[BATCH * dimension];
        long end = System.nanoTime() + time.toNanos();
        long steps = 0;
        while (System.nanoTime() < end && steps < maxSteps) {
            for (int b = 0; b < BATCH; b++) {
                System.arraycopy(images, random.nextInt(count) * dimension, batch, b * dimension, dimension);
            }
            network.pretrainLayer(0, Nd4j.create(batch, new long[] {BATCH, dimension}));
            steps++;
        }
        LOG.info(
                "DL4J VAE: {} steps of {} in {} s",
                steps,
                BATCH,
                Math.round((System.nanoTime() - end + time.toNanos()) / 1e9));
        return new Dl4jVaeBaseline(network);
    }

    /** Each image's anomaly score, {@code -log p(x)} as DL4J estimates it (larger is more anomalous). */
    public double[] anomaly(float[] images, int dimension) {
        org.deeplearning4j.nn.layers.variational.VariationalAutoencoder vae =
                (org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) network.getLayer(0);
        int count = images.length / dimension;
        double[] out = new double[count];
        for (int start = 0; start < count; start += BATCH) {
            int rows = Math.min(BATCH, count - start);
            float[] chunk = new float[rows * dimension];
            System.arraycopy(images, start * dimension, chunk, 0, chunk.length);
            INDArray logP = vae.reconstructionLogProbability(Nd4j.create(chunk, new long[] {rows, dimension}), SAMPLES);
            for (int r = 0; r < rows; r++) {
                out[start + r] = -logP.getDouble(r);
            }
        }
        return out;
    }
}
