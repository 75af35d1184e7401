package org.vmastream.trainer.label;

/**
 * How the label head trains beside the generative model.
 *
 * @param stepsPerUpdate head minibatches per step of the generative model, 0 for no head
 * @param shift          largest random offset, in pixels, of the images the head trains on (0: none;
 *                       only exemplars whose shape is an image are shifted)
 */
public record HeadRecipe(int stepsPerUpdate, int shift) {

    /** Checks the ranges. */
    public HeadRecipe {
        if (stepsPerUpdate < 0 || shift < 0) {
            throw new IllegalArgumentException(
                    "head steps per update and shift must not be negative, not " + stepsPerUpdate + " and " + shift);
        }
    }
}
