package org.vmastream.datasets.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The complete Omniglot in the shared data folder (read in place): the official background and
 * evaluation sets, split as the paper splits them. Skipped when it is not there.
 */
class OmniglotFullDataTest {
    private static final Path FULL =
            Path.of(System.getProperty("vma.shared.data", "../../shared/data")).resolve("omniglot-full");

    @Test
    void shouldHold964BackgroundAnd659EvaluationCharactersIn50AlphabetsSplitWithoutOverlap() throws IOException {
        assumeTrue(
                Files.isRegularFile(FULL.resolve("images_background.zip"))
                        && Files.isRegularFile(FULL.resolve("images_evaluation.zip")),
                "complete Omniglot missing at " + FULL.toAbsolutePath() + "; skipping");
        OmniglotCharacters all = OmniglotCharacters.load(List.of(FULL));

        AlphabetSplit split = AlphabetSplit.defaultFor(all);
        OmniglotCharacters train = split.train(all);
        OmniglotCharacters test = split.test(all);

        assertThat(all.alphabets()).hasSize(50);
        assertThat(all.classCount()).isEqualTo(964 + 659);
        assertThat(train.classCount()).isEqualTo(964);
        assertThat(test.classCount()).isEqualTo(659);
        assertThat(train.alphabets()).hasSize(30).doesNotContainAnyElementsOf(test.alphabets());
        assertThat(test.alphabets()).hasSize(20);
        Set<String> trainLabels = new HashSet<>();
        for (int cls = 0; cls < train.classCount(); cls++) {
            assertThat(train.set(cls)).isEqualTo("images_background");
            trainLabels.add(train.label(cls));
        }
        for (int cls = 0; cls < test.classCount(); cls++) {
            assertThat(test.set(cls)).isEqualTo("images_evaluation");
            assertThat(test.drawingCount(cls)).as(test.label(cls)).isEqualTo(20);
            assertThat(trainLabels).doesNotContain(test.label(cls));
        }
    }
}
