package org.vmastream.model.addressing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * An approximate nearest-neighbour index over unit address keys: Lucene's HNSW graph, searched by
 * inner product. Entries are indexed by their position in the memory; {@link #add} appends one.
 *
 * <p>Searches may run concurrently with each other (they read neighbour lists without the graph's
 * cursor); {@link #add} must not run concurrently with anything.
 */
public final class KeyIndex implements AddressSearch {
    private static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;
    private static final long SEED = 42;

    /**
     * How the graph is built and searched.
     *
     * @param maxConnections neighbours per node and level (HNSW's M; twice as many on level 0)
     * @param beamWidth      candidates kept while inserting a node (efConstruction)
     * @param searchBeam     candidates kept while searching (ef), at least the count asked for
     */
    public record Settings(int maxConnections, int beamWidth, int searchBeam) {
        /** Lucene's defaults for the graph; a search beam of 100. */
        public static final Settings DEFAULT = new Settings(HnswGraphBuilder.DEFAULT_MAX_CONN,
                HnswGraphBuilder.DEFAULT_BEAM_WIDTH, 100);

        public Settings {
            if (maxConnections < 2 || beamWidth < 1 || searchBeam < 1) {
                throw new IllegalArgumentException("HNSW settings must be positive (maxConnections >= 2): "
                        + maxConnections + ", " + beamWidth + ", " + searchBeam);
            }
        }
    }

    private final Keys keys;
    private final HnswGraphBuilder builder;
    private final int searchBeam;

    private KeyIndex(Keys keys, Settings settings) {
        this.keys = keys;
        this.searchBeam = settings.searchBeam();
        try {
            RandomVectorScorerSupplier scorers = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                    SIMILARITY, keys);
            this.builder = HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(), SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Indexes the given keys in order.
     *
     * @param unitKeys  one unit-length key per entry
     * @param dimension the keys' length
     */
    public static KeyIndex build(float[][] unitKeys, int dimension, Settings settings) {
        KeyIndex index = new KeyIndex(new Keys(dimension, unitKeys.length), settings);
        for (float[] key : unitKeys) {
            index.add(key);
        }
        return index;
    }

    /**
     * Appends an entry.
     *
     * @param unitKey its unit-length key
     * @return the entry's index
     */
    public int add(float[] unitKey) {
        if (unitKey.length != keys.dimension()) {
            throw new IllegalArgumentException("a key of " + unitKey.length + " values; the index holds "
                    + keys.dimension());
        }
        int node = keys.append(unitKey);
        try {
            builder.addGraphNode(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    /** Number of entries indexed. */
    public int size() {
        return keys.size();
    }

    /** Approximate size of the graph and the keys on the heap, in bytes. */
    public long bytes() {
        return builder.getGraph().ramBytesUsed() + (long) keys.size() * (keys.dimension() * Float.BYTES + 16);
    }

    @Override
    public int[] nearest(float[] unitQuery, int count) {
        int size = keys.size();
        if (size == 0 || count < 1) {
            return new int[0];
        }
        try {
            RandomVectorScorer scorer = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(SIMILARITY, keys.copy(),
                    unitQuery);
            OnHeapHnswGraph graph = builder.getGraph();
            KnnCollector found = HnswGraphSearcher.search(scorer, Math.max(count, searchBeam), graph, null,
                    Integer.MAX_VALUE);
            ScoreDoc[] best = found.topDocs().scoreDocs;
            int[] out = new int[Math.min(count, best.length)];
            for (int i = 0; i < out.length; i++) {
                out[i] = best[i].doc;
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The keys as Lucene reads them: rows of a growable array. Reading a row keeps no state, so a
     * copy is the same object, and the builder's copies see the rows appended after they were made.
     */
    private static final class Keys implements RandomAccessVectorValues.Floats {
        private final int dimension;
        private volatile float[][] rows;
        private volatile int size;

        Keys(int dimension, int capacity) {
            this.dimension = dimension;
            this.rows = new float[Math.max(16, capacity)][];
        }

        int append(float[] key) {
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, rows.length * 2);
            }
            rows[size] = key.clone();
            return size++;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public float[] vectorValue(int ord) {
            return rows[ord];
        }

        @Override
        public Keys copy() {
            return this;
        }

        @Override
        public int getVectorByteLength() {
            return dimension * Float.BYTES;
        }
    }
}
