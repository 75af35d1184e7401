package org.vmastream.experiments.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The data of one training step.
 *
 * @param targets   examples x, B x 784 binary
 * @param exemplars exemplar memory rows, or null when the model's memory is a parameter or absent
 */
record Episode(INDArray targets, INDArray exemplars) {}
