package org.vmastream.fewshot.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.fewshot.conv.ConvConfig;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.eval.SyntheticStrokes;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.train.StepMetrics;

class EpisodeTrainerTest {
    private static final SyntheticStrokes DATA = new SyntheticStrokes(8, 12, 3);

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void trainingImprovesTheBound(ModelKind kind) {
        FewShotModel model = FewShotModel.create(new ConvConfig(kind, 8, 4, 4, 16, 8, true), 1, 3e-3, 0);
        EpisodeTrainer trainer = new EpisodeTrainer(model, new EpisodeSampler(DATA, 2), 4, LearningSignal.PAPER, 3, 0);
        EpisodeShape shape = new EpisodeShape(4, 2, 2, 0);

        double first = 0;
        double last = 0;
        int steps = 120;
        for (int step = 0; step < steps; step++) {
            StepMetrics metrics = trainer.step(shape);
            assertThat(metrics.bound()).isFinite();
            if (step < 10) {
                first += metrics.bound() / 10;
            } else if (step >= steps - 10) {
                last += metrics.bound() / 10;
            }
        }

        // Measured here: VMA +12, VAE +8, soft attention +4 nats (it starts ahead, reading the memory's average).
        assertThat(last).isGreaterThan(first + 2);
    }

    @Test
    void vimcoNeedsTwoSamples() {
        FewShotModel model = FewShotModel.create(new ConvConfig(ModelKind.VMA, 8, 2, 2, 4, 3, true), 1, 1e-3, 0);
        assertThatThrownBy(() -> new EpisodeTrainer(model, new EpisodeSampler(DATA, 2), 1, LearningSignal.PAPER, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K >= 2");
    }
}
