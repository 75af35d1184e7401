package org.vmastream.ingest.cli;

/** The kinds of input {@code ingest --source} reads. */
public enum SourceKind {
    /** MNIST IDX files. */
    MNIST,
    /** Omniglot, a set's folder or zip or the folder holding the sets. */
    OMNIGLOT,
    /** A folder of PNG images, one sub-folder per class. */
    PNG,
    /** A CSV file of feature vectors. */
    CSV
}
