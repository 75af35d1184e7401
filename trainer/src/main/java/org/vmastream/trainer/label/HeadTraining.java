package org.vmastream.trainer.label;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadTrainer;
import org.vmastream.model.train.RandomStreams;
import org.vmastream.trainer.replay.ImageSize;
import org.vmastream.trainer.replay.ReplayBuffer;

/**
 * Trains the label head on the replay buffer's labelled exemplars, beside the generative model:
 * {@link HeadRecipe#stepsPerUpdate()} class-balanced minibatches per call (a label drawn uniformly,
 * then one of its exemplars), binarised at 0.5 as the scorer binarises events, and, when the
 * exemplars are images, each moved by a random offset of up to {@link HeadRecipe#shift()} pixels. The
 * head starts once the buffer holds two labels and grows an output whenever a new label arrives.
 * Unlabelled exemplars are never drawn. Not thread-safe.
 */
public final class HeadTraining {
    /** Minibatch size of the head's steps. */
    public static final int BATCH = 128;
    /** Adam's learning rate for the head. */
    public static final double LEARNING_RATE = 1e-3;

    private final ReplayBuffer buffer;
    private final long seed;
    private final HeadRecipe recipe;
    private RandomShift shift;
    private LabelHeadTrainer trainer;
    private float[] rows;
    private long steps;

    /**
     * @param buffer the exemplars to learn from
     * @param start  a head to continue (for example the last published one), or null to start fresh
     * @param seed   seed of the head's initialisation and minibatches
     * @param recipe minibatches per call and the images' random shift
     */
    public HeadTraining(ReplayBuffer buffer, LabelHead start, long seed, HeadRecipe recipe) {
        this.buffer = buffer;
        this.seed = seed;
        this.recipe = recipe;
        this.trainer = start == null ? null : new LabelHeadTrainer(start, LEARNING_RATE);
    }

    /**
     * The head's share of one step of the generative model, if the buffer holds at least two labels.
     *
     * @param step a counter (the generative model's step) that picks this call's random streams
     * @return the last minibatch's cross-entropy in nats, or empty when there was nothing to learn
     */
    public Optional<Double> step(long step) {
        List<String> labels = buffer.labels();
        if (recipe.stepsPerUpdate() == 0 || labels.size() < 2 || buffer.dimension() == 0) {
            return Optional.empty();
        }
        ensureHead(labels);
        double loss = 0;
        for (int i = 0; i < recipe.stepsPerUpdate(); i++) {
            loss = minibatch(labels, step * recipe.stepsPerUpdate() + i);
        }
        return Optional.of(loss);
    }

    private double minibatch(List<String> labels, long stream) {
        LabelHead head = trainer.head();
        int dimension = buffer.dimension();
        if (rows == null || rows.length != BATCH * dimension) {
            rows = new float[BATCH * dimension];
        }
        SplittableRandom random = RandomStreams.forStep(seed, stream, RandomStreams.LABEL_HEAD);
        int[] classes = new int[BATCH];
        for (int r = 0; r < BATCH; r++) {
            String label = labels.get(random.nextInt(labels.size()));
            int slot = buffer.slotWithLabel(label, random.nextInt(buffer.countOf(label)));
            buffer.read(slot, rows, r * dimension);
            classes[r] = head.indexOf(label);
        }
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rows[i] > 0.5f ? 1f : 0f;
        }
        RandomShift images = shiftFor(dimension);
        if (images != null) {
            images.apply(rows, BATCH, random);
        }
        INDArray x = Nd4j.create(rows, new long[] {BATCH, dimension}, 'c');
        double loss = trainer.step(x, classes);
        steps++;
        return loss;
    }

    /** The shift for the buffer's images, or null when the exemplars are not images of one size. */
    private RandomShift shiftFor(int dimension) {
        if (recipe.shift() == 0) {
            return null;
        }
        ImageSize size = buffer.imageSize().orElse(null);
        if (size == null || size.height() * size.width() != dimension) {
            return null;
        }
        if (shift == null || !shift.fits(size.height(), size.width())) {
            shift = new RandomShift(size.height(), size.width(), recipe.shift());
        }
        return shift;
    }

    /** The head as trained so far, or empty before the buffer held two labels. */
    public Optional<LabelHead> head() {
        return Optional.ofNullable(trainer).map(LabelHeadTrainer::head);
    }

    /** Head minibatches trained by this object. */
    public long steps() {
        return steps;
    }

    private void ensureHead(List<String> labels) {
        if (trainer == null || trainer.head().inputs() != buffer.dimension()) {
            trainer = new LabelHeadTrainer(LabelHead.initialise(buffer.dimension(), labels, seed), LEARNING_RATE);
        } else if (!trainer.head().labels().containsAll(labels)) {
            trainer = new LabelHeadTrainer(trainer.head().withLabels(labels), LEARNING_RATE);
        }
    }
}
