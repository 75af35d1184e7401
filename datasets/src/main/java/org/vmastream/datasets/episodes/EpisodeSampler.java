package org.vmastream.datasets.episodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws few-shot episodes from labelled images, the same episodes for the same seed. Classes are taken "from
 * random alphabets", as in the paper: a group is drawn uniformly among the groups that still have a class not in
 * the episode, then a class uniformly within it. So an alphabet of 14 characters is as likely to appear as one of
 * 55, and an episode spans several alphabets rather than mostly the largest.
 *
 * <p>Not thread-safe: it owns one random stream; give each thread its own sampler with its own seed.
 */
public final class EpisodeSampler {
    private final LabelledImages images;
    private final int[][] classesOfGroup;
    private final SplittableRandom random;

    /**
     * @param images the data; must not change while the sampler is used
     * @param seed   seed of every random draw
     */
    public EpisodeSampler(LabelledImages images, long seed) {
        this.images = images;
        this.classesOfGroup = classesOfGroup(images);
        this.random = new SplittableRandom(seed);
    }

    /** Class indices per group, groups in order of their first class, so the order does not depend on hashing. */
    private static int[][] classesOfGroup(LabelledImages images) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int cls = 0; cls < images.classCount(); cls++) {
            groups.computeIfAbsent(images.group(cls), group -> new ArrayList<>())
                    .add(cls);
        }
        return groups.values().stream()
                .map(classes -> classes.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /**
     * Draws one episode: {@code shape.classes()} distinct classes from random groups, then
     * {@code shape.confounders()} further distinct classes the same way, then the drawings as in
     * {@link #fromClasses}.
     *
     * @throws IllegalArgumentException if the data has too few classes, or a class too few drawings, for the shape
     */
    public Episode sample(EpisodeShape shape) {
        shape.checkFits(images);
        int[] picked = pickClasses(shape.classes() + shape.confounders());
        return fromClasses(
                Arrays.copyOf(picked, shape.classes()),
                shape.targetsPerClass(),
                shape.memoryPerClass(),
                Arrays.copyOfRange(picked, shape.classes(), picked.length));
    }

    /**
     * Draws an episode of given classes, e.g. for evaluating every class in turn. Each class gets
     * {@code targetsPerClass + memoryPerClass} distinct drawings, the first ones targets and the rest in memory, so
     * no target is its own memory entry; each confounder class gets {@code memoryPerClass} distinct drawings in
     * memory. Targets come class by class in the given order; memory is shuffled, so that a drawing's position
     * does not give its class away.
     *
     * @param classes           classes with targets, distinct
     * @param targetsPerClass   targets per class, at least 1
     * @param memoryPerClass    memory drawings per class, at least 1
     * @param confounderClasses classes with memory drawings only, distinct from each other and from
     *                          {@code classes}; may be empty
     * @return the episode
     * @throws IllegalArgumentException if a class is out of range, repeated or has too few drawings
     */
    public Episode fromClasses(int[] classes, int targetsPerClass, int memoryPerClass, int[] confounderClasses) {
        // The shape checks the counts; the classes are checked here.
        EpisodeShape shape =
                new EpisodeShape(classes.length, targetsPerClass, memoryPerClass, confounderClasses.length);
        checkClasses(classes, targetsPerClass + memoryPerClass, confounderClasses, memoryPerClass);
        int dimension = images.dimension();
        float[] targets = new float[shape.targetCount() * dimension];
        int[] targetClass = new int[shape.targetCount()];
        int[] memoryClass = new int[shape.memorySize()];
        int[] memoryDrawing = new int[shape.memorySize()];
        int t = 0;
        int m = 0;
        for (int cls : classes) {
            int[] drawings = distinctDrawings(cls, targetsPerClass + memoryPerClass);
            for (int k = 0; k < targetsPerClass; k++, t++) {
                System.arraycopy(images.image(cls, drawings[k]), 0, targets, t * dimension, dimension);
                targetClass[t] = cls;
            }
            for (int k = targetsPerClass; k < drawings.length; k++, m++) {
                memoryClass[m] = cls;
                memoryDrawing[m] = drawings[k];
            }
        }
        for (int cls : confounderClasses) {
            for (int drawing : distinctDrawings(cls, memoryPerClass)) {
                memoryClass[m] = cls;
                memoryDrawing[m++] = drawing;
            }
        }
        shuffle(memoryClass, memoryDrawing);
        float[] memory = new float[memoryClass.length * dimension];
        for (int i = 0; i < memoryClass.length; i++) {
            System.arraycopy(images.image(memoryClass[i], memoryDrawing[i]), 0, memory, i * dimension, dimension);
        }
        return new Episode(memory, memoryClass, targets, targetClass, dimension);
    }

    private void checkClasses(int[] classes, int drawingsPerClass, int[] confounderClasses, int drawingsPerConfounder) {
        Set<Integer> seen = new HashSet<>();
        for (int cls : classes) {
            checkClass(cls, drawingsPerClass, seen);
        }
        for (int cls : confounderClasses) {
            checkClass(cls, drawingsPerConfounder, seen);
        }
    }

    private void checkClass(int cls, int drawingsNeeded, Set<Integer> seen) {
        if (cls < 0 || cls >= images.classCount()) {
            throw new IllegalArgumentException("class " + cls + " is not in 0.." + (images.classCount() - 1));
        }
        if (!seen.add(cls)) {
            throw new IllegalArgumentException("class " + cls + " (" + images.label(cls) + ") is in the episode twice");
        }
        if (images.drawingCount(cls) < drawingsNeeded) {
            throw new IllegalArgumentException("class " + cls + " (" + images.label(cls) + ") has "
                    + images.drawingCount(cls) + " drawings, fewer than the " + drawingsNeeded + " the episode needs");
        }
    }

    /** {@code count} distinct classes: each from a random group that still has one left (see the class doc). */
    private int[] pickClasses(int count) {
        int[][] unused = new int[classesOfGroup.length][];
        int[] left = new int[classesOfGroup.length];
        List<Integer> open = new ArrayList<>();
        for (int g = 0; g < classesOfGroup.length; g++) {
            unused[g] = classesOfGroup[g].clone();
            left[g] = unused[g].length;
            open.add(g);
        }
        int[] picked = new int[count];
        for (int k = 0; k < count; k++) {
            int slot = random.nextInt(open.size());
            int g = open.get(slot);
            int i = random.nextInt(left[g]);
            picked[k] = unused[g][i];
            unused[g][i] = unused[g][--left[g]];
            if (left[g] == 0) {
                open.remove(slot);
            }
        }
        return picked;
    }

    /** {@code count} distinct drawings of the class in random order: a partial Fisher-Yates shuffle. */
    private int[] distinctDrawings(int cls, int count) {
        int[] drawings = new int[images.drawingCount(cls)];
        Arrays.setAll(drawings, i -> i);
        for (int i = 0; i < count; i++) {
            swap(drawings, i, i + random.nextInt(drawings.length - i));
        }
        return Arrays.copyOf(drawings, count);
    }

    /** Shuffles two parallel arrays by the same permutation. */
    private void shuffle(int[] first, int[] second) {
        for (int i = first.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            swap(first, i, j);
            swap(second, i, j);
        }
    }

    private static void swap(int[] values, int i, int j) {
        int value = values[i];
        values[i] = values[j];
        values[j] = value;
    }
}
