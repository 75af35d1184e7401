package org.vmastream.model.addressing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
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
     * @param searchMargin   candidates kept while searching beyond the count asked for: the search
     *                       keeps count + margin (HNSW's ef), so a search for one entry stays cheap
     */
    public record Settings(int maxConnections, int beamWidth, int searchMargin) {
        /** Lucene's defaults for the graph; a search margin of 32. */
        public static final Settings DEFAULT =
                new Settings(HnswGraphBuilder.DEFAULT_MAX_CONN, HnswGraphBuilder.DEFAULT_BEAM_WIDTH, 32);

        public Settings {
            if (maxConnections < 2 || beamWidth < 1 || searchMargin < 0) {
                throw new IllegalArgumentException("HNSW settings must be positive (maxConnections >= 2, margin >= 0): "
                        + maxConnections + ", " + beamWidth + ", " + searchMargin);
            }
        }
    }

    private final Keys keys;
    private final HnswGraphBuilder builder;
    private final int searchMargin;
    private int capacity = Integer.MAX_VALUE;

    private KeyIndex(Keys keys, Settings settings, int graphSize) {
        this.keys = keys;
        this.searchMargin = settings.searchMargin();
        try {
            RandomVectorScorerSupplier scorers =
                    DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(SIMILARITY, keys);
            this.builder =
                    HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(), SEED, graphSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Indexes the given keys in order, on one thread.
     *
     * @param unitKeys  one unit-length key per entry
     * @param dimension the keys' length
     */
    public static KeyIndex build(float[][] unitKeys, int dimension, Settings settings) {
        return build(unitKeys, dimension, settings, 1);
    }

    /**
     * Indexes the given keys in order, inserting on {@code threads} threads at once (Lucene's
     * concurrent graph builder, which locks the neighbour lists it changes), with room for entries
     * {@link #add added} later up to as many as the keys given.
     *
     * @param unitKeys  one unit-length key per entry
     * @param dimension the keys' length
     * @param threads   insertion threads
     */
    public static KeyIndex build(float[][] unitKeys, int dimension, Settings settings, int threads) {
        return build(unitKeys, dimension, settings, threads, 2 * unitKeys.length);
    }

    /**
     * As {@link #build(float[][], int, Settings, int)}, with room for {@code capacity} entries in all.
     * With more than one thread the graph's node table is allocated at its final size, so an index
     * built that way holds at most {@code capacity} entries; one built on one thread grows freely.
     *
     * @param capacity entries the index may hold, at least the keys given
     */
    public static KeyIndex build(float[][] unitKeys, int dimension, Settings settings, int threads, int capacity) {
        if (threads < 1 || capacity < unitKeys.length) {
            throw new IllegalArgumentException("threads must be positive and capacity at least the keys given: "
                    + threads + ", " + capacity + " for " + unitKeys.length);
        }
        if (threads == 1 || unitKeys.length < 2 * threads) {
            KeyIndex index = new KeyIndex(new Keys(dimension, unitKeys.length), settings, -1);
            for (float[] key : unitKeys) {
                index.add(key);
            }
            return index;
        }
        // Concurrent insertion needs the graph's node table allocated up front, at its final size.
        KeyIndex index = new KeyIndex(new Keys(dimension, capacity), settings, capacity);
        index.capacity = capacity;
        for (float[] key : unitKeys) {
            index.keys.append(checked(key, dimension));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "vma-key-index-build");
            thread.setDaemon(true);
            return thread;
        });
        try {
            RandomVectorScorerSupplier scorers =
                    DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(SIMILARITY, index.keys);
            new HnswConcurrentMergeBuilder(
                            new TaskExecutor(pool),
                            threads,
                            scorers,
                            settings.maxConnections(),
                            settings.beamWidth(),
                            index.builder.getGraph(),
                            null)
                    .build(unitKeys.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.shutdownNow();
        }
        return index;
    }

    private static float[] checked(float[] key, int dimension) {
        if (key.length != dimension) {
            throw new IllegalArgumentException("a key of " + key.length + " values; the index holds " + dimension);
        }
        return key;
    }

    /**
     * Appends an entry.
     *
     * @param unitKey its unit-length key
     * @return the entry's index
     * @throws IllegalStateException if the index holds its capacity
     */
    public int add(float[] unitKey) {
        if (keys.size() == capacity) {
            throw new IllegalStateException(
                    "the index holds its capacity of " + capacity + " entries; build a larger one");
        }
        int node = keys.append(checked(unitKey, keys.dimension()));
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
            RandomVectorScorer scorer =
                    DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(SIMILARITY, keys.copy(), unitQuery);
            OnHeapHnswGraph graph = builder.getGraph();
            KnnCollector found = HnswGraphSearcher.search(scorer, count + searchMargin, graph, null, Integer.MAX_VALUE);
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
