package org.vmastream.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelConfigTest {

    @Test
    void shouldRefuseAnOutputSkipWhereEntriesAreNotShapedLikeTheData() {
        assertThatThrownBy(() -> ModelConfig.mnistLearned(64).withOutputSkip(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputSkip");
        assertThatThrownBy(() -> ModelConfig.mnistVae().withOutputSkip(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outputSkip");
    }
}
