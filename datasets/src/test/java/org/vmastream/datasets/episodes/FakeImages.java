package org.vmastream.datasets.episodes;

import java.util.Arrays;

/**
 * Labelled images whose values say what they are: drawing {@code d} of class {@code c} is {@code {c, d}}, so a
 * test can decode every row of an episode. Class {@code c} is labelled {@code class<c>}.
 */
final class FakeImages implements LabelledImages {
    private final String[] groups;
    private final int[] drawingCounts;

    /**
     * @param groups        the group of each class
     * @param drawingCounts the drawings of each class
     */
    FakeImages(String[] groups, int[] drawingCounts) {
        this.groups = groups.clone();
        this.drawingCounts = drawingCounts.clone();
    }

    /** {@code groupCount} groups {@code g0, g1, ...} of {@code classesPerGroup} classes, each with {@code drawings}. */
    static FakeImages uniform(int groupCount, int classesPerGroup, int drawings) {
        String[] groups = new String[groupCount * classesPerGroup];
        for (int cls = 0; cls < groups.length; cls++) {
            groups[cls] = "g" + cls / classesPerGroup;
        }
        int[] counts = new int[groups.length];
        Arrays.fill(counts, drawings);
        return new FakeImages(groups, counts);
    }

    @Override
    public int classCount() {
        return groups.length;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public int drawingCount(int cls) {
        return drawingCounts[cls];
    }

    @Override
    public float[] image(int cls, int drawing) {
        return new float[] {cls, drawing};
    }

    @Override
    public String label(int cls) {
        return "class" + cls;
    }

    @Override
    public String group(int cls) {
        return groups[cls];
    }
}
