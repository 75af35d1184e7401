package org.vmastream.fewshot.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vmastream.datasets.episodes.Episode;
import org.vmastream.datasets.episodes.EpisodeSampler;
import org.vmastream.datasets.episodes.EpisodeShape;
import org.vmastream.fewshot.conv.ConvConfig;
import org.vmastream.fewshot.conv.FewShotModel;
import org.vmastream.fewshot.conv.ModelKind;
import org.vmastream.fewshot.train.EpisodeTrainer;
import org.vmastream.model.bound.LearningSignal;

class BoundEstimatorTest {
    private static final SyntheticStrokes DATA = new SyntheticStrokes(6, 10, 1);

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void chunkingDoesNotChangeTheEstimate(ModelKind kind) {
        FewShotModel model = FewShotModel.create(new ConvConfig(kind, 8, 3, 3, 8, 4, true), 2, 1e-3, 0);
        Episode episode = new EpisodeSampler(DATA, 4).sample(new EpisodeShape(3, 2, 2, 0));

        List<TargetBound> whole = new BoundEstimator(model, 20, 10_000, 9)
                .estimate(episode.targets(), episode.targetCount(), episode.memory(), episode.memorySize());
        List<TargetBound> chunked = new BoundEstimator(model, 20, 7, 9)
                .estimate(episode.targets(), episode.targetCount(), episode.memory(), episode.memorySize());

        assertThat(chunked).hasSize(episode.targetCount());
        for (int t = 0; t < whole.size(); t++) {
            assertThat(chunked.get(t).bound()).isCloseTo(whole.get(t).bound(), within(1e-3));
            assertThat(chunked.get(t).klLatent()).isCloseTo(whole.get(t).klLatent(), within(1e-3));
            assertThat(chunked.get(t).klAddress()).isCloseTo(whole.get(t).klAddress(), within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void aMemoryOfOneEntryIsScored(ModelKind kind) {
        FewShotModel model = FewShotModel.create(new ConvConfig(kind, 8, 3, 3, 8, 4, true), 2, 1e-3, 0);
        Episode episode = new EpisodeSampler(DATA, 4).sample(new EpisodeShape(1, 1, 1, 0));

        List<TargetBound> bounds = new BoundEstimator(model, 5, 100, 9)
                .estimate(episode.targets(), 1, episode.memory(), episode.memorySize());

        assertThat(bounds.get(0).bound()).isFinite().isNegative();
        assertThat(bounds.get(0).klAddress()).isCloseTo(0, within(1e-9));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void moreSamplesGiveATighterBoundOnAverage(ModelKind kind) {
        FewShotModel model = FewShotModel.create(new ConvConfig(kind, 8, 3, 3, 8, 4, true), 2, 3e-3, 0);
        // Untrained, q(z|x) sits on the prior and every sample weighs the same: train until it does not.
        EpisodeTrainer trainer = new EpisodeTrainer(model, new EpisodeSampler(DATA, 6), 4, LearningSignal.PAPER, 1, 0);
        for (int step = 0; step < 40; step++) {
            trainer.step(new EpisodeShape(3, 2, 2, 0));
        }
        Episode episode = new EpisodeSampler(DATA, 5).sample(new EpisodeShape(4, 2, 2, 0));

        double single = mean(new BoundEstimator(model, 1, 512, 3), episode, 40);
        double many = mean(new BoundEstimator(model, 200, 512, 3), episode, 1);

        assertThat(many).isGreaterThan(single);
    }

    /** Mean L_K over targets and repeats. */
    private static double mean(BoundEstimator estimator, Episode episode, int repeats) {
        double sum = 0;
        for (int r = 0; r < repeats; r++) {
            for (TargetBound b : estimator.estimate(
                    episode.targets(), episode.targetCount(), episode.memory(), episode.memorySize())) {
                sum += b.bound();
            }
        }
        return sum / (repeats * episode.targetCount());
    }
}
