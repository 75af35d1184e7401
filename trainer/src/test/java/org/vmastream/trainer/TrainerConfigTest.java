package org.vmastream.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.runtime.settings.SettingsException;
import org.vmastream.trainer.episode.EpisodeMode;

class TrainerConfigTest {

    @Test
    void shouldReadTheDefaults() {
        TrainerConfig config = TrainerConfig.from(settings(Map.of()));

        assertThat(config.topic()).isEqualTo("vma.exemplars");
        assertThat(config.episodes()).isEqualTo(EpisodeMode.SAME_CLASS);
        assertThat(config.memorySize()).isEqualTo(64);
        assertThat(config.publishInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.bounded()).isFalse();
        assertThat(config.initialCheckpoint()).isNull();
        assertThat(config.training().samples()).isEqualTo(4);
    }

    @Test
    void shouldFollowTheExemplarTopicUnlessATrainingTopicIsGiven() {
        assertThat(TrainerConfig.from(settings(Map.of("topics.exemplars", "t.ex")))
                        .topic())
                .isEqualTo("t.ex");
        assertThat(TrainerConfig.from(settings(Map.of("topics.exemplars", "t.ex", "trainer.topic", "own")))
                        .topic())
                .isEqualTo("own");
    }

    @Test
    void shouldReadEpisodeModeAndInitialCheckpoint() {
        TrainerConfig config = TrainerConfig.from(settings(Map.of(
                "trainer.episodes",
                "recall",
                "trainer.initial.checkpoint",
                "runs/x/checkpoint.vmackpt",
                "trainer.max.steps",
                "10")));

        assertThat(config.episodes()).isEqualTo(EpisodeMode.RECALL);
        assertThat(config.initialCheckpoint()).isEqualTo(Path.of("runs/x/checkpoint.vmackpt"));
        assertThat(config.bounded()).isTrue();
    }

    @Test
    void shouldRefuseABufferThatCannotHoldOneEpisode() {
        Settings settings = settings(Map.of("trainer.buffer.capacity", "90"));

        assertThatThrownBy(() -> TrainerConfig.from(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("trainer.buffer.capacity")
                .hasMessageContaining("96");
    }

    @Test
    void shouldRefuseASingleSample() {
        Settings settings = settings(Map.of("trainer.samples", "1"));

        assertThatThrownBy(() -> TrainerConfig.from(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("trainer.samples");
    }

    private static Settings settings(Map<String, String> overrides) {
        return Settings.load(null, Map.of(), overrides);
    }
}
