package org.vmastream.experiments.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.mnist.Binarization;
import org.vmastream.experiments.data.SyntheticData;
import org.vmastream.model.VmaModel;
import org.vmastream.model.bound.LearningSignal;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/** The loop's stop request, the path Ctrl-C takes through the shutdown hook. */
class TrainingLoopTest {
    @TempDir
    Path dir;

    @Test
    void aStopRequestEndsAfterTheCurrentStepWithCheckpointAndCurve() throws IOException {
        RunSpec spec = new RunSpec(
                Preset.RECALL,
                8,
                Binarization.DYNAMIC,
                Preset.RECALL.model(8, 0),
                new TrainingConfig(4, 4, 3e-4, 0, LearningSignal.PAPER, 31));
        SyntheticData data = new SyntheticData(31, 50, 10);
        RunOutputs outputs = new RunOutputs(dir, spec, data.description(), 0, 0);
        TrainingLoop loop = new TrainingLoop(spec.episodes(data.trainImages()), outputs, 5, 100);
        VimcoTrainer trainer = new VimcoTrainer(VmaModel.initialise(spec.model(), 31), spec.training());

        TrainingOutcome outcome = loop.run(trainer, 100, () -> trainer.steps() >= 7);

        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.steps()).isEqualTo(7);
        assertThat(outcome.trainMeans().steps()).isEqualTo(7);
        assertThat(CheckpointFile.read(dir.resolve(RunOutputs.CHECKPOINT)).step())
                .isEqualTo(7);
        List<String> curve = Files.readAllLines(dir.resolve("learning-curve.csv"));
        assertThat(curve.subList(1, curve.size()))
                .extracting(line -> line.split(",")[0])
                .containsExactly("5", "7");
        assertThat(dir.resolve("learning-curve.png")).isRegularFile();
    }
}
