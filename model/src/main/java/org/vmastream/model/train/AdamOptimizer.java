package org.vmastream.model.train;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;

/**
 * Adam (Kingma and Ba; beta1 0.9, beta2 0.999, epsilon 1e-8) over the whole flat parameter vector,
 * with optional L2 weight decay on network weight matrices only: biases, e_p and memory contents
 * are never decayed. The gradients in the parameter set must be those of a loss to minimise.
 *
 * <p>For single precision on the CPU backend the update is a plain loop over Java arrays, split
 * across cores: ND4J's own Adam updater spends most of its time in an element-wise square root
 * (docs/performance.md#why-the-code-is-written-as-it-is). The moments live in Java arrays; gradients and weights stay in ND4J's
 * native buffers and pass through small per-thread blocks, so each is read (and the weights written)
 * once from memory rather than copied whole into and out of arrays the size of the model: the
 * update is memory-bound.
 * Double precision (tests) and other backends (CUDA, arrays stay on the device) use ND4J's updater.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;
    /** Floats per block of gradients and weights: two blocks per thread stay in the L2 cache. */
    private static final int BLOCK = 8192;
    /** Updates between two flushes of subnormal moments (see {@link #flush}). */
    private static final int FLUSH_INTERVAL = 16;

    private final ParameterSet params;
    private final double learningRate;
    private final double weightDecay;
    private final int size;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final int threads;
    private final float[][] weightBlocks;
    private final float[][] gradientBlocks;
    private final INDArray deviceState;
    private final AdamUpdater deviceUpdater;
    private int iteration;

    /** A fresh optimiser (zero moments) for these parameters. */
    public AdamOptimizer(ParameterSet params, double learningRate, double weightDecay) {
        this(params, learningRate, weightDecay, null, 0);
    }

    /**
     * An optimiser resumed from saved moments.
     *
     * @param savedState moments as returned by {@link #state()}, or null for fresh moments
     * @param iteration  updates already made
     */
    public AdamOptimizer(
            ParameterSet params, double learningRate, double weightDecay, INDArray savedState, int iteration) {
        this.params = params;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.iteration = iteration;
        this.size = Math.toIntExact(params.size());
        if (savedState != null && savedState.length() != 2L * size) {
            throw new IllegalArgumentException(
                    "optimiser state has " + savedState.length() + " values; these parameters need " + 2L * size);
        }
        if (Nd4j.getEnvironment().isCPU() && params.dataType() == DataType.FLOAT) {
            this.firstMoment = new float[size];
            this.secondMoment = new float[size];
            this.threads = Runtime.getRuntime().availableProcessors();
            this.weightBlocks = new float[threads][BLOCK];
            this.gradientBlocks = new float[threads][BLOCK];
            if (savedState != null) {
                float[] saved =
                        savedState.reshape(2L * size).castTo(DataType.FLOAT).toFloatVector();
                System.arraycopy(saved, 0, firstMoment, 0, size);
                System.arraycopy(saved, size, secondMoment, 0, size);
            }
            this.deviceState = null;
            this.deviceUpdater = null;
        } else {
            this.firstMoment = null;
            this.secondMoment = null;
            this.threads = 0;
            this.weightBlocks = null;
            this.gradientBlocks = null;
            this.deviceState = Nd4j.zeros(params.dataType(), 1, 2L * size);
            if (savedState != null) {
                deviceState.assign(savedState.reshape(1, 2L * size).castTo(params.dataType()));
            }
            this.deviceUpdater = new AdamUpdater(new Adam(learningRate, BETA1, BETA2, EPSILON));
            deviceUpdater.setStateViewArray(deviceState, new long[] {size}, 'c', savedState == null);
        }
    }

    /** Applies one update from the current gradients (which it may overwrite). */
    public void step() {
        if (weightDecay > 0) {
            INDArray decayed = params.valuesOf(ParameterRole.WEIGHT);
            if (decayed != null) {
                params.gradientsOf(ParameterRole.WEIGHT).addi(decayed.mul(weightDecay));
            }
        }
        if (deviceUpdater != null) {
            INDArray gradient = params.gradients();
            deviceUpdater.applyUpdater(gradient, iteration, 0);
            params.values().subi(gradient);
        } else {
            FloatBuffer weights = floats(params.values());
            FloatBuffer gradients = floats(params.gradients());
            float alpha = (float) stepSize();
            float eps = (float) epsilonHat();
            boolean flush = (iteration + 1) % FLUSH_INTERVAL == 0;
            IntStream.range(0, threads)
                    .parallel()
                    .forEach(t -> update(t, weights.duplicate(), gradients.duplicate(), alpha, eps, flush));
        }
        iteration++;
    }

    /** Bias-corrected step size: lr * sqrt(1 - beta2^t) / (1 - beta1^t). */
    private double stepSize() {
        int t = iteration + 1;
        return learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    }

    /** epsilon scaled so that the update equals lr * mHat / (sqrt(vHat) + epsilon). */
    private double epsilonHat() {
        int t = iteration + 1;
        return EPSILON * Math.sqrt(1 - Math.pow(BETA2, t));
    }

    /** Updates thread {@code t}'s share of the parameters, block by block. */
    private void update(int t, FloatBuffer weights, FloatBuffer gradients, float alpha, float eps, boolean flush) {
        float[] w = weightBlocks[t];
        float[] g = gradientBlocks[t];
        int end = (int) ((t + 1) * (long) size / threads);
        for (int from = (int) (t * (long) size / threads); from < end; from += BLOCK) {
            int length = Math.min(BLOCK, end - from);
            gradients.get(from, g, 0, length);
            weights.get(from, w, 0, length);
            updateBlock(from, length, w, g, alpha, eps);
            if (flush) {
                flush(from, length);
            }
            weights.put(from, w, 0, length);
        }
    }

    /**
     * One Adam update of a block: a loop without branches, which the JIT compiler can vectorise; the
     * flush of the moments ({@link #flush}) is a loop of its own because its comparisons would keep
     * this one scalar and mispredicted (docs/performance.md#why-the-code-is-written-as-it-is).
     */
    private void updateBlock(int offset, int length, float[] w, float[] g, float alpha, float eps) {
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        for (int j = 0; j < length; j++) {
            int i = offset + j;
            float m = b1 * firstMoment[i] + (1 - b1) * g[j];
            float v = b2 * secondMoment[i] + (1 - b2) * g[j] * g[j];
            firstMoment[i] = m;
            secondMoment[i] = v;
            w[j] -= alpha * m / ((float) Math.sqrt(v) + eps);
        }
    }

    /**
     * Stores moments below the smallest normal float as 0, every {@value #FLUSH_INTERVAL} updates. A
     * parameter whose gradient stays 0 (a dead unit, a pixel that is never on) has its first moment
     * shrink by 0.9 a step until it is subnormal, where rounding keeps it from ever reaching 0, and the
     * CPU works on subnormals many times slower (docs/performance.md#why-the-code-is-written-as-it-is). A moment takes about 150 steps to fall through the subnormal range, so one that
     * enters it stays there at most {@value #FLUSH_INTERVAL} of them; once 0, an idle moment stays 0.
     */
    private void flush(int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (Math.abs(firstMoment[i]) < Float.MIN_NORMAL) {
                firstMoment[i] = 0f;
            }
            if (secondMoment[i] < Float.MIN_NORMAL) {
                secondMoment[i] = 0f;
            }
        }
    }

    /** A view of a float array that owns its whole buffer (the flat parameter vectors do). */
    private static FloatBuffer floats(INDArray array) {
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The first and second moments as a new 1 x 2P array, for checkpoints. */
    public INDArray state() {
        if (deviceState != null) {
            return deviceState.dup();
        }
        float[] both = new float[2 * size];
        System.arraycopy(firstMoment, 0, both, 0, size);
        System.arraycopy(secondMoment, 0, both, size, size);
        return Nd4j.create(both, new long[] {1, 2L * size}, DataType.FLOAT);
    }

    /** Number of updates made. */
    public int iteration() {
        return iteration;
    }
}
