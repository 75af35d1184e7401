package org.vmastream.ingest.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * One item read from a source: values with their shape, an optional label, a stable id and where it came from.
 * Arrays are owned by the item once it is built; nobody modifies them afterwards.
 *
 * @param id     stable across reruns over the same data (e.g. {@code mnist-train-00042}), so that re-ingested
 *               items are recognisable downstream
 * @param label  class label, or null for an unlabelled item
 * @param shape  dimensions, outermost first: {@code [h, w]} for images, {@code [n]} for feature vectors
 * @param data   values in row-major order; grey levels or ink in [0,1] for images
 * @param source data set and split or file the item was read from, e.g. {@code mnist-train}
 */
public record Item(String id, String label, int[] shape, float[] data, String source) {
    /** Checks that the parts are present and that {@code data} holds as many values as {@code shape} says. */
    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
        long size = 1;
        for (int dimension : shape) {
            size *= dimension;
        }
        if (shape.length == 0 || size != data.length) {
            throw new IllegalArgumentException(
                    "item " + id + " has shape " + Arrays.toString(shape) + " but " + data.length + " values");
        }
    }
}
