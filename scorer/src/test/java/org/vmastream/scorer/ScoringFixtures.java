package org.vmastream.scorer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.scorer.model.ServingModel;

/** Small models and records for scorer tests. */
public final class ScoringFixtures {
    public static final int DIM = 12;

    private ScoringFixtures() {}

    static ModelConfig tinyConfig(int fallbackEntries) {
        return new ModelConfig(
                DIM,
                MemoryKind.EXEMPLAR,
                DIM,
                0,
                fallbackEntries,
                Similarity.NORMALISED,
                PriorKind.LEARNED,
                3,
                16,
                8,
                8,
                ModelConfig.Precision.FLOAT,
                true);
    }

    public static ServingModel model(long version, long seed) {
        return new ServingModel(version, VmaModel.initialise(tinyConfig(0), seed));
    }

    /** A binary pattern: bit d of (pattern * 2654435761 >> d). */
    static float[] pattern(int pattern) {
        float[] values = new float[DIM];
        SplittableRandom random = new SplittableRandom(pattern);
        for (int d = 0; d < DIM; d++) {
            values[d] = random.nextBoolean() ? 1f : 0f;
        }
        return values;
    }

    static List<Float> boxed(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float v : values) {
            out.add(v);
        }
        return out;
    }

    static Exemplar exemplar(String set, String id, String label, float[] values) {
        return Exemplar.newBuilder()
                .setId(id)
                .setMemorySet(set)
                .setLabel(label)
                .setShape(List.of(values.length))
                .setData(boxed(values))
                .setTimestamp(Instant.ofEpochMilli(1))
                .setSource("test")
                .build();
    }

    static ScoreRequest event(String set, String id, float[] values) {
        return ScoreRequest.newBuilder()
                .setId(id)
                .setMemorySet(set)
                .setShape(List.of(values.length))
                .setData(boxed(values))
                .setTimestamp(Instant.ofEpochMilli(2))
                .build();
    }
}
