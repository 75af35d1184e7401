package org.vmastream.model.label;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
            int rows = (int) logits.rows();
            int cols = (int) logits.columns();
            double[] values = logits.dup('c').data().asDouble();
            double[] gradient = new double[values.length];
            double total = 0;
            for (int r = 0; r < rows; r++) {
                int target = classes[r];
                if (target < 0 || target >= cols) {
                    throw new IllegalArgumentException("label index " + target + " outside the head's " + cols);
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, values[r * cols + c]);
                }
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += Math.exp(values[r * cols + c] - max);
                }
                double logNormaliser = max + Math.log(sum);
                total += logNormaliser - values[r * cols + target];
                for (int c = 0; c < cols; c++) {
                    double p = Math.exp(values[r * cols + c] - logNormaliser);
                    gradient[r * cols + c] = (p - (c == target ? 1 : 0)) / rows;
                }
            }
            return new CrossEntropy(total / rows, Nd4j.create(gradient, new long[] {rows, cols}, logits.dataType()));
        }
    }
}
