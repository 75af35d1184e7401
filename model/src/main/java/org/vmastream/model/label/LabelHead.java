package org.vmastream.model.label;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.vmastream.model.LogSoftmax;
import org.vmastream.model.nn.HostView;
import org.vmastream.model.nn.MlpTail;
import org.vmastream.model.nn.ParameterRole;
import org.vmastream.model.nn.ParameterSet;
import org.vmastream.model.nn.Projection;

/**
 * A classifier of the memory's labels, trained beside the generative model, whose outputs are a
 * novelty signal the likelihood lacks: an input of a class it never saw leaves every logit low (high
 * energy, {@code -logsumexp} of the logits) and its penultimate features far from every exemplar's.
 * Neither depends on how complex the input is, which is what spoils the bound as a novelty score
 * (docs/novelty.md has the measurements).
 *
 * <p>An MLP, inputs - 256 - 256 - classes, ReLU, softmax cross-entropy. Built from the same pieces as
 * the generative model's networks, in single precision. Immutable in shape; its parameters change
 * only through a {@link LabelHeadTrainer}.
 */
public final class LabelHead {
    /** Width of both hidden layers. */
    public static final int HIDDEN = 256;

    private static final String FIRST = "head.w0";
    private static final String TAIL = "head";
    private static final String OUTPUT_WEIGHT = "head.w2";
    private static final String OUTPUT_BIAS = "head.b2";

    private final int inputs;
    private final List<String> labels;
    private final ParameterSet params;
    private final Projection first;
    private final MlpTail tail;

    private LabelHead(int inputs, List<String> labels, ParameterSet params) {
        if (labels.size() < 2) {
            throw new IllegalArgumentException("a label head needs at least two labels, got " + labels);
        }
        if (labels.stream().distinct().count() != labels.size()) {
            throw new IllegalArgumentException("duplicate labels in " + labels);
        }
        this.inputs = inputs;
        this.labels = List.copyOf(labels);
        this.params = params;
        this.first = new Projection(params.block(FIRST));
        this.tail = new MlpTail(params, TAIL, HIDDEN, HIDDEN, labels.size());
    }

    /** The parameter layout of a head for this many inputs and labels. */
    public static List<ParameterSet.BlockSpec> layoutOf(int inputs, int labels) {
        List<ParameterSet.BlockSpec> specs = new ArrayList<>();
        specs.add(Projection.spec(FIRST, inputs, HIDDEN));
        specs.addAll(MlpTail.specs(TAIL, HIDDEN, HIDDEN, labels));
        return specs;
    }

    /** A new head with He-scaled Gaussian weights (1/sqrt(fan-in) for the output layer) and zero biases. */
    public static LabelHead initialise(int inputs, List<String> labels, long seed) {
        return initialise(inputs, labels, seed, DataType.FLOAT);
    }

    /** As {@link #initialise(int, List, long)}, in the given precision (double for gradient checks). */
    static LabelHead initialise(int inputs, List<String> labels, long seed, DataType dataType) {
        ParameterSet params = ParameterSet.allocate(dataType, layoutOf(inputs, labels.size()));
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterSet.Block block : params.blocks()) {
            if (block.role() == ParameterRole.WEIGHT) {
                double std = Math.sqrt((block.name().equals(OUTPUT_WEIGHT) ? 1.0 : 2.0) / block.rows());
                double[] values = new double[(int) block.length()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = std * random.nextGaussian();
                }
                block.value().assign(Nd4j.create(values, new long[] {block.rows(), block.cols()}, dataType));
            }
        }
        return new LabelHead(inputs, labels, params);
    }

    /** A head with these parameters (a flat vector in {@link #layoutOf} order, copied). */
    public static LabelHead withParameters(int inputs, List<String> labels, INDArray values) {
        ParameterSet params = ParameterSet.allocate(DataType.FLOAT, layoutOf(inputs, labels.size()));
        if (values.length() != params.size()) {
            throw new IllegalArgumentException("a head for " + inputs + " inputs and " + labels.size() + " labels has "
                    + params.size() + " parameters, got " + values.length());
        }
        params.values().assign(values.reshape(params.size()).castTo(DataType.FLOAT));
        return new LabelHead(inputs, labels, params);
    }

    /**
     * A head that also knows {@code added} labels: the same parameters, with a zero output column for
     * each new label, so that what it has learned carries over when a memory gains a class.
     */
    public LabelHead withLabels(List<String> added) {
        List<String> all = new ArrayList<>(labels);
        added.stream().filter(l -> !labels.contains(l)).distinct().forEach(all::add);
        if (all.size() == labels.size()) {
            return this;
        }
        LabelHead grown =
                new LabelHead(inputs, all, ParameterSet.allocate(DataType.FLOAT, layoutOf(inputs, all.size())));
        for (ParameterSet.Block block : params.blocks()) {
            INDArray target = grown.params.block(block.name()).value();
            if (block.name().equals(OUTPUT_WEIGHT) || block.name().equals(OUTPUT_BIAS)) {
                target.get(NDArrayIndex.all(), NDArrayIndex.interval(0, labels.size()))
                        .assign(block.value());
            } else {
                target.assign(block.value());
            }
        }
        return grown;
    }

    /** Input width. */
    public int inputs() {
        return inputs;
    }

    /** The labels in output order. */
    public List<String> labels() {
        return labels;
    }

    /** The output index of a label, or -1 for a label the head does not know. */
    public int indexOf(String label) {
        return labels.indexOf(label);
    }

    /** The parameters (views the trainer updates). */
    public ParameterSet parameters() {
        return params;
    }

    /**
     * Scores a batch.
     *
     * @param x inputs, B x {@link #inputs()}
     * @return each row's energy and unit-length penultimate features
     */
    public HeadScores score(INDArray x) {
        MlpTail.Trace trace = forward(x);
        INDArray features = trace.layerInputs().get(trace.layerInputs().size() - 1);
        INDArray output = HostView.viewable(trace.output());
        int rows = (int) output.rows();
        int classes = (int) output.columns();
        // Read in bulk: toDoubleMatrix fetches element by element (docs/performance.md, the label head).
        HostView logits = HostView.of(output);
        double[] row = new double[classes];
        double[] energy = new double[rows];
        int[] best = new int[rows];
        double[] probability = new double[rows];
        for (int r = 0; r < rows; r++) {
            logits.get(r * classes, row, classes);
            double logNormaliser = LogSoftmax.logSumExp(row);
            int top = 0;
            for (int c = 1; c < classes; c++) {
                top = row[c] > row[top] ? c : top;
            }
            energy[r] = -logNormaliser;
            best[r] = top;
            probability[r] = Math.exp(row[top] - logNormaliser);
        }
        return new HeadScores(energy, best, probability, unitRows(features));
    }

    /** The unit-length penultimate features of a batch, B x {@value #HIDDEN}: what memory entries are matched by. */
    public INDArray features(INDArray x) {
        return unitRows(tail.lastHidden(first.forward(checked(x))));
    }

    MlpTail.Trace forward(INDArray x) {
        return tail.forward(first.forward(checked(x)));
    }

    void backward(INDArray x, MlpTail.Trace trace, INDArray dLogits) {
        first.backward(x, tail.backward(trace, dLogits), false);
    }

    INDArray checked(INDArray x) {
        if (x.columns() != inputs) {
            throw new IllegalArgumentException(
                    "the label head reads " + inputs + " values per input, got " + x.columns());
        }
        DataType type = params.dataType();
        return x.dataType() == type ? x : x.castTo(type);
    }

    /** Rows scaled to unit length; an all-zero row (every ReLU off) stays zero. */
    static INDArray unitRows(INDArray features) {
        // Scaled row by row on the host, cheaper here than ND4J's broadcast division (docs/performance.md).
        INDArray unit = features.dup('c');
        int rows = (int) unit.rows();
        int width = (int) unit.columns();
        HostView view = HostView.of(unit);
        double[] row = new double[width];
        for (int r = 0; r < rows; r++) {
            view.get(r * width, row, width);
            double squares = 0;
            for (double v : row) {
                squares += v * v;
            }
            // The tiny offset keeps an all-zero row zero instead of dividing by zero.
            double scale = 1.0 / (Math.sqrt(squares) + 1e-12);
            for (int c = 0; c < width; c++) {
                row[c] *= scale;
            }
            view.put(r * width, row, width);
        }
        return unit;
    }
}
