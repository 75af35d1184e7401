package org.vmastream.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.vmastream.model.nn.MlpTail;

/**
 * The memory entries a training pass's samples drew, each once, with what the networks reading m
 * computed for them alone (see {@code VmaModel.addressedEntries}).
 *
 * @param unique     the drawn memory rows, in order of first draw
 * @param local      per sample row, the index of its entry in {@code unique}
 * @param entries    the drawn entries' contents, |U| x memoryDim
 * @param rowTable   their row-table rows (as in {@link org.vmastream.model.memory.MemoryEncoding}), |U| x width
 * @param priorTrace activations of the p(z|m) network on them
 * @param outputSkip their output skip terms, |U| x dataDim, or null for a model without the skip
 */
record AddressedEntries(
        int[] unique,
        int[] local,
        INDArray entries,
        INDArray rowTable,
        MlpTail.Trace priorTrace,
        INDArray outputSkip) {}
