package org.vmastream.trainer.episode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data of one training step, binarised.
 *
 * @param targets     B x D binary targets
 * @param memory      |M| x D binary memory rows
 * @param memorySlots buffer slot of each memory row
 * @param targetSlots buffer slot each target was drawn from (for recall targets: a memory row's slot)
 * @param mode        how the targets were drawn: {@link EpisodeMode#RECALL} also when a same-class
 *                    episode fell back to it for lack of labels
 */
public record Episode(INDArray targets, INDArray memory, int[] memorySlots, int[] targetSlots, EpisodeMode mode) {}
