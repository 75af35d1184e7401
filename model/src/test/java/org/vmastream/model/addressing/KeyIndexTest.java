package org.vmastream.model.addressing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HNSW key index against exact search over random unit keys. */
class KeyIndexTest {
    private static final int DIMENSION = 16;

    @ParameterizedTest(name = "{0} insertion threads")
    @ValueSource(ints = {1, 3})
    void findsMostOfTheExactNearestKeysAndReturnsThemBestFirst(int threads) {
        SplittableRandom random = new SplittableRandom(5);
        float[][] keys = unitRows(random, 4000);
        KeyIndex index = KeyIndex.build(keys, DIMENSION, KeyIndex.Settings.DEFAULT, threads);

        int found = 0;
        int asked = 0;
        for (int q = 0; q < 100; q++) {
            float[] query = unitRows(random, 1)[0];
            int[] approximate = index.nearest(query, 10);
            int[] exact = exact(keys, query, 10);
            asked += exact.length;
            found += (int)
                    Arrays.stream(approximate).filter(a -> contains(exact, a)).count();
            for (int i = 1; i < approximate.length; i++) {
                assertThat(dot(keys[approximate[i - 1]], query))
                        .isGreaterThanOrEqualTo(dot(keys[approximate[i]], query));
            }
            assertThat(Arrays.stream(approximate).distinct().count()).isEqualTo(approximate.length);
        }
        assertThat(found / (double) asked).as("recall@10").isGreaterThan(0.9);
        assertThat(index.size()).isEqualTo(4000);
        assertThat(index.bytes()).isGreaterThan(4000L * DIMENSION * Float.BYTES);
    }

    @Test
    void anEntryAddedLaterIsFoundAndSearchesMayRunConcurrently() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        float[][] keys = unitRows(random, 500);
        KeyIndex index = KeyIndex.build(keys, DIMENSION, KeyIndex.Settings.DEFAULT, 2);
        float[] added = unitRows(random, 1)[0];

        assertThat(index.add(added)).isEqualTo(500);
        assertThat(index.nearest(added, 1)).containsExactly(500);
        KeyIndex full = KeyIndex.build(keys, DIMENSION, KeyIndex.Settings.DEFAULT, 2, 500);
        assertThatThrownBy(() -> full.add(added))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("capacity of 500");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] searches = IntStream.range(0, 4)
                    .mapToObj(t -> pool.submit(() -> {
                        for (int i = 0; i < 200; i++) {
                            int a = (i * 7 + t) % 500;
                            assertThat(index.nearest(keys[a], 1)).containsExactly(a);
                        }
                    }))
                    .toArray(Future[]::new);
            for (Future<?> search : searches) {
                search.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesKeysOfAnotherLengthAndAnswersEmptyWhenEmpty() {
        KeyIndex index = KeyIndex.build(new float[0][], DIMENSION, KeyIndex.Settings.DEFAULT);
        assertThat(index.nearest(new float[DIMENSION], 3)).isEmpty();
        assertThatThrownBy(() -> index.add(new float[DIMENSION + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("17 values");
        assertThatThrownBy(() -> new KeyIndex.Settings(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int[] exact(float[][] keys, float[] query, int count) {
        return IntStream.range(0, keys.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer a) -> -dot(keys[a], query)))
                .limit(count)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static boolean contains(int[] values, int value) {
        return Arrays.stream(values).anyMatch(v -> v == value);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }

    private static float[][] unitRows(SplittableRandom random, int rows) {
        float[][] out = new float[rows][DIMENSION];
        for (float[] row : out) {
            double norm = 0;
            for (int d = 0; d < DIMENSION; d++) {
                row[d] = (float) random.nextGaussian();
                norm += row[d] * row[d];
            }
            for (int d = 0; d < DIMENSION; d++) {
                row[d] /= (float) Math.sqrt(norm);
            }
        }
        return out;
    }
}
