package org.vmastream.model.bound;

/** The VIMCO learning signal used for the address parameters. */
public enum LearningSignal {
    /** The paper's eq. 8: baseline = log of the mean of the other K-1 weights. */
    PAPER,
    /** Original VIMCO: w_k replaced by the geometric mean of the other weights. */
    GEOMETRIC
}
