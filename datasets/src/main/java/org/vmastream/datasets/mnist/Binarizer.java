package org.vmastream.datasets.mnist;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Turns grey levels in [0,1] into binary pixels 0f/1f according to a {@link Binarization}.
 *
 * <p>Writes into caller-provided arrays so training loops do not allocate per batch. Randomness comes only from
 * the generator the caller passes (e.g. {@code new SplittableRandom(seed)} or {@code new Random(seed)}), so runs
 * are reproducible from a seed. Instances are stateless and thread-safe; generators usually are not.
 */
public final class Binarizer {

    /** {@link Binarization#FIXED} maps a grey level {@code g} to 1 iff {@code g > FIXED_THRESHOLD}. */
    public static final float FIXED_THRESHOLD = 0.5f;

    private final Binarization mode;

    /** @param mode how to binarise */
    public Binarizer(Binarization mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return how this binariser binarises */
    public Binarization mode() {
        return mode;
    }

    /**
     * Binarises {@code length} grey levels. {@code out} may be {@code grey} itself.
     *
     * @param grey      source grey levels in [0,1]
     * @param offset    first source index
     * @param length    number of values
     * @param out       destination, receives 0f or 1f
     * @param outOffset first destination index
     * @param rng       random source; required for {@link Binarization#DYNAMIC}, ignored (may be null) for FIXED
     */
    public void binarize(float[] grey, int offset, int length, float[] out, int outOffset, RandomGenerator rng) {
        Objects.checkFromIndexSize(offset, length, grey.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        if (mode == Binarization.FIXED) {
            for (int k = 0; k < length; k++) {
                out[outOffset + k] = grey[offset + k] > FIXED_THRESHOLD ? 1f : 0f;
            }
        } else {
            Objects.requireNonNull(rng, "DYNAMIC binarisation needs a random generator");
            for (int k = 0; k < length; k++) {
                // nextFloat() is uniform in [0,1): P(u < g) = g, so g = 0 never and g = 1 always gives 1.
                out[outOffset + k] = rng.nextFloat() < grey[offset + k] ? 1f : 0f;
            }
        }
    }

    /**
     * Binarises the chosen images of a dataset into a batch, image {@code indices[k]} going to
     * {@code out[k * PIXELS .. (k+1) * PIXELS)}.
     *
     * @param data    source images
     * @param indices image indices forming the batch
     * @param out     destination of at least {@code indices.length * MnistDataset.PIXELS} values
     * @param rng     random source; required for {@link Binarization#DYNAMIC}, ignored (may be null) for FIXED
     */
    public void binarizeBatch(MnistDataset data, int[] indices, float[] out, RandomGenerator rng) {
        float[] grey = data.greyArray();
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], data.size());
            binarize(grey, i * MnistDataset.PIXELS, MnistDataset.PIXELS, out, k * MnistDataset.PIXELS, rng);
        }
    }
}
