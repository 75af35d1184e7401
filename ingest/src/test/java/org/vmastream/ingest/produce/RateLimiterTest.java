package org.vmastream.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing against a fake clock that only sleeping moves: no real time passes and nothing depends on timing. */
class RateLimiterTest {
    private static final long MS = 1_000_000;

    /** A clock plus a sleeper that records each requested sleep and advances the clock by it (plus an overshoot). */
    private static final class FakeTime {
        final List<Long> sleeps = new ArrayList<>();
        final long overshoot;
        long now = 1_000 * MS;

        FakeTime(long overshoot) {
            this.overshoot = overshoot;
        }

        RateLimiter limiter(double perSecond) {
            return new RateLimiter(perSecond, () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos + overshoot;
            });
        }
    }

    @Test
    void shouldSpaceRecordsOneIntervalApart() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        RateLimiter limiter = time.limiter(10);

        for (int i = 0; i < 6; i++) {
            limiter.acquire();
        }

        assertThat(time.sleeps).containsExactly(100 * MS, 100 * MS, 100 * MS, 100 * MS, 100 * MS);
    }

    @Test
    void shouldNotSleepWhileTheCallerIsSlowerThanTheRate() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        RateLimiter limiter = time.limiter(10);

        for (int i = 0; i < 5; i++) {
            limiter.acquire();
            time.now += 150 * MS;
        }

        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void shouldAllowOnlyATenthOfASecondAsBurstAfterAPause() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        RateLimiter limiter = time.limiter(1000);
        limiter.acquire();
        time.now += 10_000 * MS;

        for (int i = 0; i < 100; i++) {
            limiter.acquire();
        }
        assertThat(time.sleeps).isEmpty();

        limiter.acquire();
        assertThat(time.sleeps).containsExactly(1 * MS);
    }

    @Test
    void shouldHoldTheAverageRateWhenSleepsOvershoot() throws InterruptedException {
        FakeTime time = new FakeTime(3 * MS);
        RateLimiter limiter = time.limiter(2000);
        long start = time.now;

        for (int i = 0; i < 2001; i++) {
            limiter.acquire();
        }

        // 2,000 intervals of 0.5 ms: one second, although every sleep overshoots by 3 ms.
        assertThat(time.now - start).isBetween(1_000 * MS, 1_010 * MS);
        assertThat(time.sleeps.size()).isLessThan(400);
    }

    @Test
    void shouldNeverSleepWithoutALimit() throws InterruptedException {
        FakeTime time = new FakeTime(0);
        RateLimiter limiter = time.limiter(0);

        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
        }

        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void shouldRefuseNegativeOrMeaninglessRates() {
        for (double rate : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> RateLimiter.perSecond(rate))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("records per second");
        }
    }
}
