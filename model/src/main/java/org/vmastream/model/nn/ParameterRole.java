package org.vmastream.model.nn;

/** What a block of parameters is, which decides whether weight decay applies to it. */
public enum ParameterRole {
    /** A weight matrix of a network: L2 weight decay applies. */
    WEIGHT,
    /** Biases and query vectors: no weight decay. */
    BIAS,
    /** Memory contents (learned memory, fallback entries): never decayed. */
    MEMORY
}
