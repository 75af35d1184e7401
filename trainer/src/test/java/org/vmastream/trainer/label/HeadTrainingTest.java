package org.vmastream.trainer.label;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmastream.trainer.TestExemplars;
import org.vmastream.trainer.replay.ReplayBuffer;

class HeadTrainingTest {

    @Test
    void shouldWaitForTwoLabelsIgnoreUnlabelledExemplarsAndGrowWhenALabelArrives() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(100, 4);
        HeadTraining training = new HeadTraining(buffer, null, 1, new HeadRecipe(1, 2));
        buffer.add(TestExemplars.of("u1", null, 0.9f, 0.9f, 0.1f, 0.1f));
        buffer.add(TestExemplars.of("a1", "a", 0.9f, 0.9f, 0.1f, 0.1f));
        assertThat(training.step(0)).as("one label: nothing to tell apart").isEmpty();
        assertThat(training.head()).isEmpty();

        buffer.add(TestExemplars.of("b1", "b", 0.1f, 0.1f, 0.9f, 0.9f));
        double first = training.step(1).orElseThrow();
        assertThat(training.head())
                .hasValueSatisfying(head -> assertThat(head.labels()).containsExactly("a", "b"));
        for (int s = 2; s < 200; s++) {
            training.step(s);
        }
        assertThat(training.step(200).orElseThrow())
                .as("cross-entropy after training")
                .isLessThan(first / 10);

        buffer.add(TestExemplars.of("c1", "c", 0.9f, 0.1f, 0.9f, 0.1f));
        training.step(201);
        assertThat(training.head())
                .hasValueSatisfying(head -> assertThat(head.labels()).containsExactly("a", "b", "c"));
        assertThat(training.steps()).isEqualTo(201);
    }
}
