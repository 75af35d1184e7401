package org.vmastream.model.memory;

/** Where the memory buffer's contents come from. */
public enum MemoryKind {
    /** Raw exemplars (pixels or features) supplied with every batch; not trained. */
    EXEMPLAR,
    /** Entries that are model parameters, initialised randomly and trained. */
    LEARNED,
    /** No memory: the baseline VAE with the same encoder and decoder, p(z) = N(0, I). */
    NONE
}
