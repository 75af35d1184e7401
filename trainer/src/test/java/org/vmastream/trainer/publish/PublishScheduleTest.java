package org.vmastream.trainer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PublishScheduleTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldBeDueAfterTheStepCount() {
        PublishSchedule schedule = new PublishSchedule(10, Duration.ofMinutes(1), 100, 0);

        assertThat(schedule.due(109, SECOND)).isFalse();
        assertThat(schedule.due(110, SECOND)).isTrue();
        schedule.attempted(110, SECOND);
        assertThat(schedule.due(119, 2 * SECOND)).isFalse();
    }

    @Test
    void shouldBeDueAfterTheIntervalOnlyWithNewSteps() {
        PublishSchedule schedule = new PublishSchedule(1000, Duration.ofSeconds(5), 0, 0);

        assertThat(schedule.due(0, 10 * SECOND)).isFalse();
        assertThat(schedule.due(1, 4 * SECOND)).isFalse();
        assertThat(schedule.due(1, 5 * SECOND)).isTrue();
    }
}
