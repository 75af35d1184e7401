package org.vmastream.model.label;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.LogSoftmax;
import org.vmastream.model.nn.MlpTail;
import org.vmastream.model.nn.Workspaces;
import org.vmastream.model.train.AdamOptimizer;

/** Trains a {@link LabelHead} by Adam on softmax cross-entropy, one minibatch at a time. Not thread-safe. */
public final class LabelHeadTrainer {
    private final LabelHead head;
    private final AdamOptimizer optimizer;
    private long steps;

    /** A trainer with fresh Adam moments. */
    public LabelHeadTrainer(LabelHead head, double learningRate) {
        this.head = head;
        this.optimizer = new AdamOptimizer(head.parameters(), learningRate, 0.0);
    }

    /**
     * One update.
     *
     * @param x       inputs, B x {@link LabelHead#inputs()}
     * @param classes each row's label index in the head
     * @return the minibatch's mean cross-entropy before the update, in nats
     */
    public double step(INDArray x, int[] classes) {
        if (classes.length != x.rows()) {
            throw new IllegalArgumentException(classes.length + " labels for " + x.rows() + " inputs");
        }
        try (MemoryWorkspace ignored = Workspaces.open("vma-label-head-step")) {
            head.parameters().zeroGradients();
            MlpTail.Trace trace = head.forward(x);
            CrossEntropy loss = CrossEntropy.of(trace.output(), classes);
            head.backward(head.checked(x), trace, loss.gradient());
            optimizer.step();
            steps++;
            return loss.mean();
        }
    }

    /** Updates made. */
    public long steps() {
        return steps;
    }

    /** The head being trained. */
    public LabelHead head() {
        return head;
    }

    /** Mean softmax cross-entropy of logits against class indices, and its gradient with respect to the logits. */
    record CrossEntropy(double mean, INDArray gradient) {
        static CrossEntropy of(INDArray logits, int[] classes) {
            double[][] values = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
            int rows = values.length;
            double[][] gradient = new double[rows][];
            double total = 0;
            for (int r = 0; r < rows; r++) {
                int target = classes[r];
                if (target < 0 || target >= values[r].length) {
                    throw new IllegalArgumentException(
                            "label index " + target + " outside the head's " + values[r].length);
                }
                double[] logProbabilities = new double[values[r].length];
                gradient[r] = new double[values[r].length];
                LogSoftmax.withProbabilities(values[r], logProbabilities, gradient[r]);
                total -= logProbabilities[target];
                gradient[r][target] -= 1;
                for (int c = 0; c < gradient[r].length; c++) {
                    gradient[r][c] /= rows;
                }
            }
            return new CrossEntropy(total / rows, Nd4j.create(gradient).castTo(logits.dataType()));
        }
    }
}
