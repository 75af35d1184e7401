package org.vmastream.trainer.replay;

import java.util.List;
import java.util.Optional;

/**
 * The rows and columns of a one-channel image, read from an exemplar's shape.
 *
 * @param height rows
 * @param width  columns
 */
public record ImageSize(int height, int width) {

    /**
     * The image size a shape describes: [H, W], [1, H, W] or [H, W, 1], each side at least 2. Any other
     * shape (a feature vector, several channels) is not an image here.
     */
    public static Optional<ImageSize> of(List<Integer> shape) {
        List<Integer> sides = shape;
        if (shape.size() == 3 && shape.get(0) == 1) {
            sides = shape.subList(1, 3);
        } else if (shape.size() == 3 && shape.get(2) == 1) {
            sides = shape.subList(0, 2);
        }
        if (sides.size() != 2 || sides.get(0) < 2 || sides.get(1) < 2) {
            return Optional.empty();
        }
        return Optional.of(new ImageSize(sides.get(0), sides.get(1)));
    }
}
