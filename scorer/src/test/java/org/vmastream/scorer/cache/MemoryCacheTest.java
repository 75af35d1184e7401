package org.vmastream.scorer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.vmastream.memory.store.MemorySnapshot;
import org.vmastream.model.addressing.KeyIndex;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.scorer.ScoringFixtures;
import org.vmastream.scorer.model.ServingModel;

class MemoryCacheTest {
    private static final int ENTRIES = 40;

    /** Runs submitted rebuilds only when told, so the test decides when the background is done. */
    private static final class ManualExecutor implements Executor {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        int runAll() {
            int n = 0;
            while (!tasks.isEmpty()) {
                tasks.poll().run();
                n++;
            }
            return n;
        }
    }

    private static MemorySetState state(long version, int size) {
        return MemorySetState.newBuilder()
                .setMemorySet("s")
                .setSize(size)
                .setDimension(ScoringFixtures.DIM)
                .setNextSequence(size)
                .setVersion(version)
                .setOffered(size)
                .setEvicted(0)
                .build();
    }

    private static MemorySnapshot snapshot(long version, int size) {
        SplittableRandom random = new SplittableRandom(version);
        String[] ids = new String[size];
        float[] values = new float[size * ScoringFixtures.DIM];
        for (int i = 0; i < size; i++) {
            ids[i] = "m" + i;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new MemorySnapshot("s", version, ScoringFixtures.DIM, ids, new String[size], values);
    }

    @Test
    void shouldKeepScoringALargeSetWithThePreviousModelUntilItsNewEncodingIsBuiltInTheBackground() {
        ManualExecutor background = new ManualExecutor();
        MemoryCache cache =
                new MemoryCache(8, new TruncationPolicy(ENTRIES / 2, 4, KeyIndex.Settings.DEFAULT), background);
        ServingModel first = ScoringFixtures.model(1, 1);
        ServingModel second = ScoringFixtures.model(2, 2);
        MemorySetState state = state(1, ENTRIES);

        AddressableMemory initial = cache.get("s", state, first, set -> snapshot(1, ENTRIES));
        assertThat(initial.modelVersion())
                .as("the first encoding is built at once")
                .isEqualTo(1);
        assertThat(initial.truncation()).isNotNull();

        AddressableMemory meanwhile = cache.get("s", state, second, set -> snapshot(1, ENTRIES));
        assertThat(meanwhile)
                .as("the previous encoding, while the new one is built")
                .isSameAs(initial);
        assertThat(meanwhile.model()).isSameAs(first);
        assertThat(cache.get("s", state, second, set -> snapshot(1, ENTRIES))).isSameAs(initial);
        assertThat(background.runAll())
                .as("one rebuild, however often the set was asked for")
                .isEqualTo(1);

        AddressableMemory swapped = cache.get("s", state, second, set -> snapshot(1, ENTRIES));
        assertThat(swapped.modelVersion()).isEqualTo(2);
        assertThat(swapped.model()).isSameAs(second);
        assertThat(swapped.entryIds()).startsWith(initial.entryIds()[0]);
        assertThat(cache.get("s", state, second, set -> snapshot(1, ENTRIES))).isSameAs(swapped);

        MemorySetState grown = state(2, ENTRIES + 1);
        assertThat(cache.get("s", grown, second, set -> snapshot(2, ENTRIES + 1)))
                .as("a memory change, too")
                .isSameAs(swapped);
        background.runAll();
        assertThat(cache.get("s", grown, second, set -> snapshot(2, ENTRIES + 1))
                        .memoryVersion())
                .isEqualTo(2);
    }

    @Test
    void shouldReEncodeASmallSetAtOnceWhenTheModelChanges() {
        ManualExecutor background = new ManualExecutor();
        MemoryCache cache =
                new MemoryCache(8, new TruncationPolicy(ENTRIES * 2, 4, KeyIndex.Settings.DEFAULT), background);
        MemorySetState state = state(1, ENTRIES);
        cache.get("s", state, ScoringFixtures.model(1, 1), set -> snapshot(1, ENTRIES));

        AddressableMemory next = cache.get("s", state, ScoringFixtures.model(2, 2), set -> snapshot(1, ENTRIES));

        assertThat(next.modelVersion()).isEqualTo(2);
        assertThat(next.truncation()).isNull();
        assertThat(background.runAll()).isZero();
    }
}
