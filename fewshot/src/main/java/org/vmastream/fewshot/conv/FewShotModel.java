package org.vmastream.fewshot.conv;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A convolutional model (its SameDiff graph, weights and Adam state) with the three passes the host needs:
 * addressing, the per-sample terms of log w, and one optimiser step on the surrogate loss.
 */
public final class FewShotModel {
    /** Optimiser steps between flushes of subnormal Adam moments (see {@link #flushSubnormalMoments}). */
    private static final int FLUSH_EVERY = 100;

    private final ConvConfig config;
    private final SameDiff sd;
    private final List<String> trainingInputs;

    FewShotModel(ConvConfig config, SameDiff sd) {
        this.config = config;
        this.sd = sd;
        this.trainingInputs = trainingInputs(config.kind());
        quietlyDifferentiate(sd);
    }

    /**
     * Builds the gradient graph now. SameDiff 1.0.0-M2.1 prints a line to System.out for every op it differentiates
     * (hundreds, unconditionally, no logger), which would bury the progress bars; it is built once, here, with
     * standard output muted.
     */
    private static void quietlyDifferentiate(SameDiff sd) {
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }

    /**
     * A freshly initialised model in single precision.
     *
     * @param learningRate Adam's step size (the paper: 1e-4 or 3e-4)
     * @param weightDecay  L2 penalty on the weights (the paper: 3e-4 against over-fitting on small data)
     */
    public static FewShotModel create(ConvConfig config, long seed, double learningRate, double weightDecay) {
        SameDiff sd = ConvGraph.build(config, DataType.FLOAT, seed);
        FewShotModel model = new FewShotModel(config, sd);
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(learningRate))
                .l2(weightDecay)
                .dataSetFeatureMapping(model.trainingInputs)
                .markLabelsUnused()
                .build());
        return model;
    }

    /** The architecture. */
    public ConvConfig config() {
        return config;
    }

    /** Adam's current step size (saved with the model). */
    public double learningRate() {
        return adam().getLearningRate();
    }

    /**
     * Changes Adam's step size from the next step on, keeping its moment estimates: a resumed run can decay the
     * rate. The updaters SameDiff restored with the model each hold their own copy of the configuration, so every
     * one is changed, not only the training configuration that is saved.
     */
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and >= 0, not " + learningRate);
        }
        adam().setLearningRate(learningRate);
        Map<String, GradientUpdater> restored = sd.getUpdaterMap();
        if (restored != null) {
            for (GradientUpdater updater : restored.values()) {
                ((Adam) updater.getConfig()).setLearningRate(learningRate);
            }
        }
    }

    private Adam adam() {
        return (Adam) sd.getTrainingConfig().getUpdater();
    }

    /** The graph, for saving. */
    SameDiff graph() {
        return sd;
    }

    /**
     * q(a|x) and p(a) (VMA only).
     *
     * @param targets [B, 1, P, P]
     * @param memory  [|M|, 1, P, P]
     */
    public AddressPosterior addresses(INDArray targets, INDArray memory) {
        requireAddressing();
        Map<String, INDArray> out = sd.output(
                Map.of(GraphNames.TARGETS, targets, GraphNames.MEMORY, memory),
                GraphNames.ADDRESS_LOGITS,
                GraphNames.PRIOR_LOGITS);
        return AddressPosterior.fromLogits(
                floats(out.get(GraphNames.ADDRESS_LOGITS)), floats(out.get(GraphNames.PRIOR_LOGITS)), (int)
                        targets.size(0));
    }

    /** The per-sample terms of log w for the targets, memory, repeat, selection and noise in {@code feed}. */
    public SampleTerms terms(Map<String, INDArray> feed) {
        Map<String, INDArray> out = sd.output(
                withAttendableMemory(feed), GraphNames.LOG_PX, GraphNames.LOG_PZ, GraphNames.LOG_QZ, GraphNames.KL_Z);
        return new SampleTerms(
                floats(out.get(GraphNames.LOG_PX)),
                floats(out.get(GraphNames.LOG_PZ)),
                floats(out.get(GraphNames.LOG_QZ)),
                floats(out.get(GraphNames.KL_Z)));
    }

    /** Pixel probabilities of x ~ p(x|z,m), z from the prior (VMA: p(z|m_a) at the selected a). */
    public float[] generate(Map<String, INDArray> feed) {
        return floats(sd.output(withAttendableMemory(feed), GraphNames.SAMPLE).get(GraphNames.SAMPLE));
    }

    /**
     * One Adam step on the surrogate loss; {@code feed} also holds the weights (and VIMCO signals).
     *
     * @throws IllegalStateException if the graph was saved by a version without one of today's training inputs:
     *                               such a model can be evaluated, not trained further
     */
    public void step(Map<String, INDArray> feed) {
        for (String name : trainingInputs) {
            if (!sd.hasVariable(name)) {
                throw new IllegalStateException("this model's graph has no input '" + name + "': it was saved by an "
                        + "older version, which can evaluate it but not train it further; start a new run");
            }
        }
        INDArray[] features = new INDArray[trainingInputs.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = feed.get(trainingInputs.get(i));
            if (features[i] == null) {
                throw new IllegalArgumentException("a training step needs " + trainingInputs.get(i));
            }
        }
        sd.fit(new MultiDataSet(features, new INDArray[0]));
        // Counted in the optimiser's saved iterations, so that a resumed run flushes where an uninterrupted one would.
        if (sd.getTrainingConfig().getIterationCount() % FLUSH_EVERY == 0) {
            flushSubnormalMoments();
        }
    }

    /**
     * Sets Adam's moments that are below the smallest normal value to 0, and returns how many were. The moments of
     * a weight whose gradient stays 0 shrink every step until they are subnormal, where rounding keeps them from
     * reaching 0 and every later update works on subnormals, which the CPU handles many times slower (the best
     * Omniglot VMA after 55,874 steps had 79,669 of its 1.8M moments there). ND4J's updater cannot be told to flush
     * them, so this does, every {@value #FLUSH_EVERY} steps.
     */
    int flushSubnormalMoments() {
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        if (updaters == null) {
            return 0;
        }
        int flushed = 0;
        for (GradientUpdater updater : updaters.values()) {
            Map<String, INDArray> state = updater.getState();
            if (state == null) {
                continue;
            }
            for (INDArray moment : state.values()) {
                flushed += flushSubnormals(moment);
            }
        }
        return flushed;
    }

    /**
     * Sets the array's subnormal values to 0 and returns how many there were. A plain loop over the buffer when the
     * array owns it in single precision, because ND4J's comparison and multiply ops over many small state arrays
     * cost far more than the loop (docs/performance.md#why-the-code-is-written-as-it-is); ND4J's ops otherwise.
     */
    static int flushSubnormals(INDArray moment) {
        if (moment.dataType() == DataType.FLOAT
                && moment.offset() == 0
                && moment.data().length() == moment.length()) {
            FloatBuffer values =
                    moment.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
            int flushed = 0;
            for (int i = 0; i < values.limit(); i++) {
                float value = values.get(i);
                if (value != 0 && Math.abs(value) < Float.MIN_NORMAL) {
                    values.put(i, 0f);
                    flushed++;
                }
            }
            return flushed;
        }
        double smallest = moment.dataType() == DataType.DOUBLE ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        INDArray magnitude = Transforms.abs(moment, true);
        int flushed = count(magnitude.lt(smallest)) - count(moment.eq(0));
        moment.muli(magnitude.gte(smallest).castTo(moment.dataType()));
        return flushed;
    }

    private static int count(INDArray bools) {
        return bools.castTo(DataType.DOUBLE).sumNumber().intValue();
    }

    /**
     * Soft attention over a memory of one entry fails inside libnd4j (a reduction over the size-1 attention axis
     * runs with no input array). Attending over that entry twice gives exactly the same weighted pyramid and code,
     * so such a memory is fed as two copies.
     */
    private Map<String, INDArray> withAttendableMemory(Map<String, INDArray> feed) {
        INDArray memory = feed.get(GraphNames.MEMORY);
        if (config.kind() != ModelKind.SOFT_ATTENTION || memory == null || memory.size(0) != 1) {
            return feed;
        }
        Map<String, INDArray> doubled = new HashMap<>(feed);
        doubled.put(GraphNames.MEMORY, Nd4j.concat(0, memory, memory));
        return doubled;
    }

    private void requireAddressing() {
        if (config.kind() != ModelKind.VMA) {
            throw new IllegalStateException(config.kind() + " has no addresses");
        }
    }

    private static List<String> trainingInputs(ModelKind kind) {
        List<String> names = new ArrayList<>(List.of(
                GraphNames.TARGETS,
                GraphNames.REPEAT,
                GraphNames.EPSILON,
                GraphNames.WEIGHTS,
                GraphNames.LATENT_WEIGHT));
        if (kind.usesMemory()) {
            names.add(GraphNames.MEMORY);
        }
        if (kind == ModelKind.VMA) {
            names.add(GraphNames.SELECT);
            names.add(GraphNames.SIGNALS);
        }
        return names;
    }

    private static float[] floats(INDArray array) {
        return array.castTo(DataType.FLOAT).dup().data().asFloat();
    }
}
