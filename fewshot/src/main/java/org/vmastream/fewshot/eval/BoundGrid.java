package org.vmastream.fewshot.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.datasets.episodes.LabelledImages;

/**
 * The paper's Table-1 experiment on held-out classes: for each number of classes C in memory and examples per class
 * k, random episodes with C classes x k examples in memory and one further drawing of each class as a target, until
 * the cell has its number of targets; each target's L_K against its episode's memory.
 */
public final class BoundGrid {
    private final LabelledImages test;
    private final BoundEstimator estimator;
    private final int targetsPerCell;
    private final long seed;

    /**
     * @param test           held-out classes
     * @param targetsPerCell targets averaged per cell
     * @param seed           seeds the episodes; every model sees the same episodes for the same seed
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
     * @param progress told the number of targets after each episode
     */
    public List<GridCell> run(int[] classes, int[] examples, IntConsumer progress) {
        List<GridCell> cells = new ArrayList<>();
        for (int c : classes) {
            int inMemory = Math.min(c, test.classCount());
            for (int k : examples) {
                EpisodeSampler sampler = new EpisodeSampler(test, seed + 1000L * inMemory + k);
                List<TargetBound> bounds = new ArrayList<>();
                while (bounds.size() < targetsPerCell) {
                    Episode episode = sampler.sample(new EpisodeShape(inMemory, 1, k, 0));
                    int count = Math.min(episode.targetCount(), targetsPerCell - bounds.size());
                    float[] targets = Arrays.copyOf(episode.targets(), count * episode.dimension());
                    bounds.addAll(estimator.estimate(targets, count, episode.memory(), episode.memorySize()));
                    progress.accept(count);
                }
                cells.add(GridCell.of(inMemory, k, bounds));
            }
        }
        return cells;
    }
}
