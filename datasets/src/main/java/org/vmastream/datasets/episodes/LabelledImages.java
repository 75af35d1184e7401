package org.vmastream.datasets.episodes;

/**
 * Images sorted into classes, and classes into groups: what an {@link EpisodeSampler} draws from. Classes are
 * numbered {@code 0..classCount()-1}, the drawings of class {@code c} {@code 0..drawingCount(c)-1}. Groups are
 * the coarser units classes are spread over, e.g. the alphabets of Omniglot's characters. Implementations must
 * not change, since samplers read them over and over.
 */
public interface LabelledImages {
    /** How many classes there are. */
    int classCount();

    /** Values per image, the same for all. */
    int dimension();

    /** How many images class {@code cls} has. */
    int drawingCount(int cls);

    /**
     * @param cls     the class
     * @param drawing which of its images
     * @return the image's {@link #dimension()} values, row-major; the caller may keep or modify the array
     */
    float[] image(int cls, int drawing);

    /** A name for class {@code cls}, for messages and reports, e.g. {@code Greek/character01}. */
    String label(int cls);

    /** The group class {@code cls} belongs to, e.g. its alphabet. */
    String group(int cls);
}
