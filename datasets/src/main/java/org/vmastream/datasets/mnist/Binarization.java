package org.vmastream.datasets.mnist;

/** How grey levels are turned into the binary pixels a Bernoulli likelihood needs. */
public enum Binarization {
    /**
     * Each pixel is a fresh Bernoulli draw with p = grey level, every time it is used (the usual "dynamically
     * binarised MNIST" of the VAE literature). Acts as data augmentation and needs a random generator.
     */
    DYNAMIC,
    /** Each pixel is 1 if its grey level is strictly greater than 0.5, else 0; deterministic. */
    FIXED
}
