package org.vmastream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.AvroSerializer;

class IdPatchTest {
    private static final String TOPIC = "events";

    private static byte[] template() {
        return new AvroSerializer<>(ScoreRequest.class)
                .serialize(
                        TOPIC,
                        ScoreRequest.newBuilder()
                                .setId(IdPatch.PLACEHOLDER)
                                .setMemorySet("bench")
                                .setShape(List.of(2))
                                .setData(List.of(0.25f, 1f))
                                .setTimestamp(Instant.ofEpochMilli(7))
                                .build());
    }

    @Test
    void everyPatchDecodesToItsOwnIdAndLeavesTheRestOfTheEvent() {
        AvroDeserializer<ScoreRequest> decoder = new AvroDeserializer<>(ScoreRequest.class);
        IdPatch patch = new IdPatch(template());
        ScoreRequest first = decoder.deserialize(TOPIC, patch.withId("paced", 42));
        ScoreRequest second = decoder.deserialize(TOPIC, patch.withId("max", 987_654_321));

        assertThat(first.getId()).isEqualTo("paced 000000042");
        assertThat(IdPatch.phaseOf(first.getId())).isEqualTo("paced");
        assertThat(IdPatch.indexOf(first.getId())).isEqualTo(42);
        assertThat(IdPatch.phaseOf(second.getId())).isEqualTo("max");
        assertThat(IdPatch.indexOf(second.getId())).isEqualTo(987_654_321);
        assertThat(second.getData()).containsExactly(0.25f, 1f);
        assertThat(second.getMemorySet()).isEqualTo("bench");
    }

    @Test
    void refusesIdsThatDoNotFitTheFixedWidth() {
        IdPatch patch = new IdPatch(template());
        assertThatThrownBy(() -> patch.withId("toolong", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> patch.withId("max", 1_000_000_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdPatch(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
    }
}
