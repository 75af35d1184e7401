package org.vmastream.datasets.episodes;

/**
 * The make-up of a few-shot episode: {@code classes} classes each with {@code targetsPerClass} drawings to score
 * and {@code memoryPerClass} other drawings in memory, plus {@code confounders} classes that only put
 * {@code memoryPerClass} drawings in memory, so that the model must find the right class's drawings among others.
 *
 * @param classes         classes with targets, at least 1
 * @param targetsPerClass targets per class, at least 1
 * @param memoryPerClass  memory drawings per class (targets' classes and confounders alike), at least 1
 * @param confounders     classes with memory drawings only, at least 0
 */
public record EpisodeShape(int classes, int targetsPerClass, int memoryPerClass, int confounders) {
    /** Checks the counts. */
    public EpisodeShape {
        if (classes < 1 || targetsPerClass < 1 || memoryPerClass < 1 || confounders < 0) {
            throw new IllegalArgumentException("invalid episode shape: classes=" + classes + ", targetsPerClass="
                    + targetsPerClass + " and memoryPerClass=" + memoryPerClass + " must be positive and confounders="
                    + confounders + " not negative");
        }
    }

    /** 8 classes, 4 targets and 4 memory drawings per class, no confounders. */
    public static EpisodeShape defaults() {
        return new EpisodeShape(8, 4, 4, 0);
    }

    /** Drawings in memory: {@code (classes + confounders) * memoryPerClass}. */
    public int memorySize() {
        return (classes + confounders) * memoryPerClass;
    }

    /** Targets: {@code classes * targetsPerClass}. */
    public int targetCount() {
        return classes * targetsPerClass;
    }

    /**
     * Checks that every episode of this shape can be drawn from {@code images}: enough classes, and enough
     * drawings in every class for its targets and memory drawings to be distinct.
     *
     * @throws IllegalArgumentException saying what is short
     */
    public void checkFits(LabelledImages images) {
        int needed = classes + confounders;
        if (needed > images.classCount()) {
            throw new IllegalArgumentException("an episode of " + classes + " classes and " + confounders
                    + " confounders needs " + needed + " classes, but the data has " + images.classCount());
        }
        int perClass = targetsPerClass + memoryPerClass;
        for (int cls = 0; cls < images.classCount(); cls++) {
            if (images.drawingCount(cls) < perClass) {
                throw new IllegalArgumentException(targetsPerClass + " targets and " + memoryPerClass
                        + " memory drawings per class need " + perClass + " drawings of every class, but "
                        + images.label(cls) + " has " + images.drawingCount(cls));
            }
        }
    }
}
