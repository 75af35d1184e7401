package org.vmastream.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.diagnostics.BatchScorer;
import org.vmastream.model.diagnostics.ExampleDiagnostics;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.train.TrainingConfig;
import org.vmastream.model.train.VimcoTrainer;

/** The checkpoint file round-trips bit for bit and refuses what it cannot load, saying why. */
class CheckpointFileTest {
    private static final ModelConfig SMALL = new ModelConfig(
            20,
            MemoryKind.EXEMPLAR,
            20,
            0,
            2,
            Similarity.NORMALISED,
            PriorKind.LEARNED,
            3,
            8,
            6,
            5,
            ModelConfig.Precision.FLOAT,
            true);

    @TempDir
    Path dir;

    @Test
    void shouldRestoreAModelWithBitIdenticalOutputs() {
        VimcoTrainer trainer = trainedTrainer(5);
        Path file = dir.resolve("model.vmackpt");
        CheckpointFile.write(file, Checkpoint.of(trainer, Map.of("dataset", "synthetic")));

        Checkpoint loaded = CheckpointFile.read(file);
        assertThat(loaded.step()).isEqualTo(5);
        assertThat(loaded.provenance()).containsEntry("dataset", "synthetic");
        assertThat(loaded.model()).isEqualTo(SMALL);
        assertThat(loaded.training()).isEqualTo(trainer.config());
        VmaModel restored = loaded.toModel();
        assertThat(restored.parameters().values().toFloatVector())
                .containsExactly(trainer.model().parameters().values().toFloatVector());
        assertThat(scores(restored)).isEqualTo(scores(trainer.model()));
    }

    @Test
    void shouldResumeTrainingExactlyWhereItStopped() {
        VimcoTrainer uninterrupted = trainedTrainer(8);
        VimcoTrainer first = trainedTrainer(4);
        VimcoTrainer resumed = CheckpointFile.fromBytes(CheckpointFile.toBytes(Checkpoint.of(first, Map.of())))
                .toTrainer();
        SplittableRandom data = new SplittableRandom(2);
        for (int i = 0; i < 4; i++) {
            data.nextLong();
        }
        train(resumed, 4, new SplittableRandom(2), 4);
        assertThat(resumed.steps()).isEqualTo(8);
        assertThat(resumed.model().parameters().values().toFloatVector())
                .containsExactly(uninterrupted.model().parameters().values().toFloatVector());
    }

    @Test
    void shouldRefuseAFileThatIsNotACheckpoint() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "these are not the parameters you are looking for");
        assertThatThrownBy(() -> CheckpointFile.read(file))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("not a vma-stream checkpoint");
    }

    @Test
    void shouldRefuseACorruptCheckpoint() {
        byte[] bytes = CheckpointFile.toBytes(Checkpoint.of(trainedTrainer(1), Map.of()));
        bytes[bytes.length / 2] ^= 0x55;
        assertThatThrownBy(() -> CheckpointFile.fromBytes(bytes))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("corrupt");
    }

    @Test
    void shouldRefuseATruncatedCheckpoint() {
        byte[] bytes = CheckpointFile.toBytes(Checkpoint.of(trainedTrainer(1), Map.of()));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 100);
        assertThatThrownBy(() -> CheckpointFile.fromBytes(truncated)).isInstanceOf(CheckpointFormatException.class);
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() {
        byte[] bytes = CheckpointFile.toBytes(Checkpoint.of(trainedTrainer(1), Map.of()));
        ByteBuffer.wrap(bytes).putInt(8, CheckpointFile.FORMAT_VERSION + 1);
        assertThatThrownBy(() -> CheckpointFile.fromBytes(bytes))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("format version " + (CheckpointFile.FORMAT_VERSION + 1) + " is not supported");
    }

    @Test
    void shouldRefuseParametersThatDoNotFitTheirConfiguration() {
        Checkpoint good = Checkpoint.of(trainedTrainer(1), Map.of());
        INDArray shorter = Nd4j.zeros(DataType.FLOAT, good.parameters().length() - 1);
        Checkpoint bad = new Checkpoint(good.model(), good.training(), 1, shorter, null, Map.of());
        assertThatThrownBy(() -> CheckpointFile.fromBytes(CheckpointFile.toBytes(bad)))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("parameters but its configuration needs");
    }

    @Test
    void shouldRefuseABlockLayoutFromAnotherArchitecture() {
        byte[] bytes = CheckpointFile.toBytes(Checkpoint.of(trainedTrainer(1), Map.of()));
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("decoder.w2");
        // The rows field follows the UTF name; change it and repair the CRC so only the layout is wrong.
        int rowsOffset = at + "decoder.w2".length();
        ByteBuffer.wrap(bytes).putInt(rowsOffset, 999);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        ByteBuffer.wrap(bytes).putLong(bytes.length - 8, crc.getValue());
        assertThatThrownBy(() -> CheckpointFile.fromBytes(bytes))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("decoder.w2 999x");
    }

    private static VimcoTrainer trainedTrainer(int steps) {
        VimcoTrainer trainer = new VimcoTrainer(
                VmaModel.initialise(SMALL, 9),
                new TrainingConfig(3, 4, 1e-3, 1e-4, org.vmastream.model.bound.LearningSignal.PAPER, 17));
        train(trainer, steps, new SplittableRandom(2), 0);
        return trainer;
    }

    private static void train(VimcoTrainer trainer, int steps, SplittableRandom data, int skip) {
        for (int s = 0; s < skip + steps; s++) {
            INDArray memory = binary(new SplittableRandom(1000 + s), 6);
            INDArray x = binary(new SplittableRandom(2000 + s), 4);
            if (s >= skip) {
                trainer.step(x, memory);
            }
        }
    }

    private static INDArray binary(SplittableRandom random, int rows) {
        float[] values = new float[rows * 20];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        return Nd4j.create(values, new long[] {rows, 20}, DataType.FLOAT);
    }

    private static java.util.List<ExampleDiagnostics> scores(VmaModel model) {
        INDArray memory = model.memoryFor(binary(new SplittableRandom(5), 6));
        return new BatchScorer(model, 10, 4, 3)
                .score(binary(new SplittableRandom(6), 3), model.encodeMemory(memory), new SplittableRandom(7));
    }
}
