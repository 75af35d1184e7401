package org.vmastream.trainer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmastream.trainer.TestExemplars;

class ImageSizeTest {

    @Test
    void shouldReadOneChannelImagesAndNothingElse() {
        assertThat(ImageSize.of(List.of(28, 28))).contains(new ImageSize(28, 28));
        assertThat(ImageSize.of(List.of(1, 105, 105))).contains(new ImageSize(105, 105));
        assertThat(ImageSize.of(List.of(20, 30, 1))).contains(new ImageSize(20, 30));
        assertThat(ImageSize.of(List.of(784))).as("a vector").isEmpty();
        assertThat(ImageSize.of(List.of(3, 28, 28))).as("three channels").isEmpty();
        assertThat(ImageSize.of(List.of(1, 784))).as("a row").isEmpty();
    }

    @Test
    void shouldKnowTheBuffersImageSizeOnlyWhileEveryExemplarHadIt() {
        ReplayBuffer buffer = ReplayBuffer.ofDimension(10, 4);
        buffer.add(TestExemplars.withShape("a", "x", List.of(2, 2), 0, 1, 1, 0));
        assertThat(buffer.imageSize()).contains(new ImageSize(2, 2));
        buffer.add(TestExemplars.withShape("b", "x", List.of(4), 0, 1, 1, 0));
        assertThat(buffer.imageSize())
                .as("a vector of the same dimension arrived")
                .isEmpty();
        buffer.add(TestExemplars.withShape("c", "x", List.of(2, 2), 0, 1, 1, 0));
        assertThat(buffer.imageSize()).as("mixed stays mixed").isEmpty();
    }
}
