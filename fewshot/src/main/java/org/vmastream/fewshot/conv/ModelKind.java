package org.vmastream.fewshot.conv;

/** Which generative model the convolutional graph implements; all three share the encoder and decoder shapes. */
public enum ModelKind {
    /** Variational memory addressing: a hard, stochastic address a ~ q(a|x) reads one entry m_a. */
    VMA,
    /** The unconditioned VAE: no memory at all. */
    VAE,
    /**
     * The soft-attention baseline of the paper's Section 4.2: p(z), q(z|x), and a decoder that reads the whole
     * memory through attention weights computed from z.
     */
    SOFT_ATTENTION;

    /** Whether the model reads a memory. */
    public boolean usesMemory() {
        return this != VAE;
    }
}
