package org.vmastream.fewshot.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FewShotCheckpointTest {
    private static final ConvConfig TINY = new ConvConfig(ModelKind.VMA, 8, 2, 2, 4, 3, true);

    @TempDir
    Path dir;

    @Test
    void reloadedModelGivesBitIdenticalTermsAndKeepsItsSteps() throws IOException {
        FewShotModel model = FewShotModel.create(TINY, 3, 1e-3, 0);
        Map<String, INDArray> feed = floatFeed();
        Path file = savedAfterOneStep(model, feed);

        FewShotCheckpoint.Loaded loaded = FewShotCheckpoint.load(file);

        assertThat(loaded.steps()).isEqualTo(1);
        assertThat(loaded.model().config()).isEqualTo(TINY);
        SampleTerms before = model.terms(feed);
        SampleTerms after = loaded.model().terms(feed);
        assertThat(after.logPx()).isEqualTo(before.logPx());
        assertThat(after.logQz()).isEqualTo(before.logQz());
        assertThat(after.klZ()).isEqualTo(before.klZ());
    }

    @Test
    void aResumedModelTakesANewLearningRateAndKeepsIt() throws IOException {
        FewShotModel model = FewShotModel.create(TINY, 3, 1e-3, 0);
        Map<String, INDArray> feed = floatFeed();
        Path file = savedAfterOneStep(model, feed);

        FewShotModel moving = FewShotCheckpoint.load(file).model();
        assertThat(moving.learningRate()).isEqualTo(1e-3);
        float[] start = moving.terms(feed).logPx();
        moving.step(feed);
        assertThat(largestChange(start, moving.terms(feed).logPx())).isGreaterThan(1e-2f);

        // A step at rate 0 leaves the weights alone; evaluation after a step may differ in the last float bits.
        FewShotModel frozen = FewShotCheckpoint.load(file).model();
        frozen.setLearningRate(0);
        frozen.step(feed);
        assertThat(largestChange(start, frozen.terms(feed).logPx())).isLessThan(1e-4f);

        Path again = dir.resolve("again.vmaf");
        FewShotCheckpoint.save(frozen, 2, again);
        assertThat(FewShotCheckpoint.load(again).model().learningRate()).isZero();
    }

    @Test
    void weightsAloneGiveTheSameTermsInLessSpace() throws IOException {
        FewShotModel model = FewShotModel.create(TINY, 3, 1e-3, 0);
        Map<String, INDArray> feed = floatFeed();
        Path full = savedAfterOneStep(model, feed);
        Path weights = dir.resolve("weights.vmaf");

        FewShotCheckpoint.saveWeights(model, 1, weights);

        FewShotCheckpoint.Loaded loaded;
        try (var in = Files.newInputStream(weights)) {
            loaded = FewShotCheckpoint.load(in, "weights");
        }
        assertThat(loaded.steps()).isEqualTo(1);
        assertThat(loaded.model().terms(feed).logPx())
                .isEqualTo(model.terms(feed).logPx());
        assertThat(Files.size(weights)).isLessThan(Files.size(full));
    }

    private Path savedAfterOneStep(FewShotModel model, Map<String, INDArray> feed) throws IOException {
        model.step(feed);
        Path file = dir.resolve("m.vmaf");
        FewShotCheckpoint.save(model, 1, file);
        return file;
    }

    private static float largestChange(float[] before, float[] after) {
        float largest = 0;
        for (int i = 0; i < before.length; i++) {
            largest = Math.max(largest, Math.abs(after[i] - before[i]));
        }
        return largest;
    }

    @Test
    void refusesAFileOfAnotherKindOrVersionOrCutShort() throws IOException {
        Path notOne = dir.resolve("not.vmaf");
        Files.writeString(notOne, "hello, world");
        assertThatThrownBy(() -> FewShotCheckpoint.load(notOne))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a few-shot model checkpoint");

        Path file = dir.resolve("m.vmaf");
        FewShotCheckpoint.save(FewShotModel.create(TINY, 3, 1e-3, 0), 0, file);
        Path future = dir.resolve("future.vmaf");
        Files.copy(file, future);
        try (RandomAccessFile raw = new RandomAccessFile(future.toFile(), "rw")) {
            raw.seek(4);
            raw.writeInt(FewShotCheckpoint.FORMAT_VERSION + 1);
        }
        assertThatThrownBy(() -> FewShotCheckpoint.load(future))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format " + (FewShotCheckpoint.FORMAT_VERSION + 1));

        Path cut = dir.resolve("cut.vmaf");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> FewShotCheckpoint.load(cut))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    private static Map<String, INDArray> floatFeed() {
        Map<String, INDArray> feed = new HashMap<>();
        TinyFeeds.of(TINY, 2, 3, 4, new SplittableRandom(5)).forEach((k, v) -> feed.put(k, v.castTo(DataType.FLOAT)));
        return feed;
    }
}
