package org.vmastream.ingest.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vmastream.ingest.source.Item;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroSerde;

class ItemRecordsTest {
    private static final Instant WHEN = Instant.parse("2024-05-01T12:00:00.123Z");
    private static final Item ITEM =
            new Item("png-x/a/1", "a", new int[] {2, 2}, new float[] {0f, 0.25f, 0.5f, 1f}, "png-x");

    @Test
    void shouldCarryEveryFieldIntoAnExemplarThatSurvivesTheSerde() {
        AvroSerde<Exemplar> serde = new AvroSerde<>(Exemplar.class);

        Exemplar decoded = serde.deserialize("t", serde.serialize("t", ItemRecords.exemplar(ITEM, "shapes", WHEN)));

        assertThat(decoded.getId()).isEqualTo("png-x/a/1");
        assertThat(decoded.getMemorySet()).isEqualTo("shapes");
        assertThat(decoded.getLabel()).isEqualTo("a");
        assertThat(decoded.getShape()).containsExactly(2, 2);
        assertThat(decoded.getData()).containsExactly(0f, 0.25f, 0.5f, 1f);
        assertThat(decoded.getTimestamp()).isEqualTo(WHEN);
        assertThat(decoded.getSource()).isEqualTo("png-x");
    }

    @Test
    void shouldLeaveTheLabelOutOfAnEvent() {
        AvroSerde<ScoreRequest> serde = new AvroSerde<>(ScoreRequest.class);

        ScoreRequest decoded = serde.deserialize("t", serde.serialize("t", ItemRecords.event(ITEM, "shapes", WHEN)));

        assertThat(decoded.getId()).isEqualTo("png-x/a/1");
        assertThat(decoded.getMemorySet()).isEqualTo("shapes");
        assertThat(decoded.getShape()).containsExactly(2, 2);
        assertThat(decoded.getData()).containsExactly(0f, 0.25f, 0.5f, 1f);
        assertThat(decoded.getTimestamp()).isEqualTo(WHEN);
    }
}
