package org.vmastream.model.label;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.LogSoftmax;
import org.vmastream.model.nn.HostView;
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
            INDArray contiguous = HostView.viewable(logits);
            int rows = (int) contiguous.rows();
            int width = (int) contiguous.columns();
            // Read and write in bulk: toDoubleMatrix fetches element by element.
            HostView values = HostView.of(contiguous);
            INDArray gradient = Nd4j.createUninitialized(logits.dataType(), rows, width);
            HostView gradients = HostView.of(gradient);
            double[] row = new double[width];
            double[] logProbabilities = new double[width];
            double[] rowGradient = new double[width];
            double total = 0;
            for (int r = 0; r < rows; r++) {
                int target = classes[r];
                if (target < 0 || target >= width) {
                    throw new IllegalArgumentException("label index " + target + " outside the head's " + width);
                }
                values.get(r * width, row, width);
                LogSoftmax.withProbabilities(row, logProbabilities, rowGradient);
                total -= logProbabilities[target];
                rowGradient[target] -= 1;
                for (int c = 0; c < width; c++) {
                    rowGradient[c] /= rows;
                }
                gradients.put(r * width, rowGradient, width);
            }
            return new CrossEntropy(total / rows, gradient);
        }
    }
}
