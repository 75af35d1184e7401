package org.vmastream.fewshot.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.LabelledImages;

/**
 * The paper's Table-1 experiment on held-out classes, as a confounder sweep: for each number k of examples per
 * class, a fixed list of targets, each with k other drawings of its own class in memory; row C adds k drawings of
 * each of C - 1 confounding classes. Target i has the same drawing, the same k memory drawings of its class and a
 * growing (nested) set of confounders in every row, so rows differ only by the confounders and the paper's optimal
 * reference, NLL(C=1) + log C, compares like with like.
 */
public final class BoundGrid {
    private final LabelledImages test;
    private final BoundEstimator estimator;
    private final int targetsPerCell;
    private final long seed;

    /**
     * @param test           held-out classes
     * @param targetsPerCell targets averaged per cell
     * @param seed           seeds targets, drawings and confounders; every model sees the same episodes
     */
    public BoundGrid(LabelledImages test, BoundEstimator estimator, int targetsPerCell, long seed) {
        this.test = test;
        this.estimator = estimator;
        this.targetsPerCell = targetsPerCell;
        this.seed = seed;
    }

    /**
     * @param classes  C per row (values above the number of test classes mean all of them)
     * @param examples k per column
     * @param progress told after each target
     */
    public List<GridCell> run(int[] classes, int[] examples, IntConsumer progress) {
        int[] targetClasses = permutation(new SplittableRandom(seed), test.classCount());
        List<GridCell> cells = new ArrayList<>();
        for (int c : classes) {
            int inMemory = Math.min(c, test.classCount());
            for (int k : examples) {
                List<TargetBound> bounds = new ArrayList<>();
                for (int i = 0; i < targetsPerCell; i++) {
                    Episode episode = episode(targetClasses[i % targetClasses.length], i, k, inMemory);
                    bounds.addAll(estimator.estimate(episode.targets(), 1, episode.memory(), episode.memorySize()));
                    progress.accept(1);
                }
                cells.add(GridCell.of(inMemory, k, bounds));
            }
        }
        return cells;
    }

    /** Target i's episode: its class with 1 target and k memory drawings, plus C - 1 confounders. */
    private Episode episode(int targetClass, int index, int examples, int classesInMemory) {
        long episodeSeed = seed * 1_000_003L + 7919L * examples + index;
        int[] others = permutation(new SplittableRandom(episodeSeed), test.classCount());
        int[] confounders = new int[classesInMemory - 1];
        int n = 0;
        for (int cls : others) {
            if (n == confounders.length) {
                break;
            }
            if (cls != targetClass) {
                confounders[n++] = cls;
            }
        }
        // A fresh sampler per target draws the target class's drawings first, so they do not depend on C.
        return new EpisodeSampler(test, episodeSeed).fromClasses(new int[] {targetClass}, 1, examples, confounders);
    }

    private static int[] permutation(SplittableRandom random, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
