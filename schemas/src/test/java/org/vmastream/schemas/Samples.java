package org.vmastream.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random but valid records for tests; every value comes from the caller's {@link Random}. */
public final class Samples {

    private Samples() {}

    public static Exemplar exemplar(Random random) {
        return Exemplar.newBuilder()
                .setId("ex-" + random.nextInt(1_000_000))
                .setMemorySet("mnist-" + random.nextInt(10))
                .setLabel(random.nextBoolean() ? Integer.toString(random.nextInt(10)) : null)
                .setShape(List.of(28, 28))
                .setData(floats(random, 28 * 28))
                .setTimestamp(instant(random))
                .setSource("mnist/train")
                .build();
    }

    public static ScoreRequest scoreRequest(Random random) {
        int n = 1 + random.nextInt(64);
        return ScoreRequest.newBuilder()
                .setId("ev-" + random.nextInt(1_000_000))
                .setMemorySet("features-" + random.nextInt(10))
                .setShape(List.of(n))
                .setData(floats(random, n))
                .setTimestamp(instant(random))
                .build();
    }

    public static Score score(Random random) {
        List<Address> addresses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            addresses.add(Address.newBuilder()
                    .setExemplarId("ex-" + random.nextInt(1000))
                    .setLabel(i == 1 ? null : Integer.toString(random.nextInt(10)))
                    .setProbability(random.nextDouble())
                    .build());
        }
        return Score.newBuilder()
                .setEventId("ev-" + random.nextInt(1_000_000))
                .setMemorySet("mnist-" + random.nextInt(10))
                .setModelVersion(random.nextInt(100))
                .setMemoryVersion(random.nextInt(10_000))
                .setMemorySize(random.nextInt(5000))
                .setBound(-100 * random.nextDouble())
                .setK(1 + random.nextInt(50))
                .setReconstruction(-90 * random.nextDouble())
                .setKlAddress(5 * random.nextDouble())
                .setKlLatent(10 * random.nextDouble())
                .setTopAddresses(addresses)
                .setPredictedLabel(Integer.toString(random.nextInt(10)))
                .setPredictedProbability(random.nextDouble())
                .setAnomaly(random.nextBoolean())
                .setAnomalyThreshold(-120 * random.nextDouble())
                .setLatencyMillis(random.nextDouble() * 20)
                .setTimestamp(instant(random))
                .setAddressEntropy(random.nextDouble())
                .setMemoryMatch(random.nextDouble())
                .setNovelty(random.nextGaussian())
                .setPValue(random.nextDouble())
                .setAnomalyRate(0.01)
                .setHeadEnergy(-10 * random.nextDouble())
                .setFeatureMatch(random.nextDouble())
                .setHeadLabel(Integer.toString(random.nextInt(10)))
                .setHeadProbability(random.nextDouble())
                .build();
    }

    public static ModelCheckpoint modelCheckpoint(Random random) {
        byte[] parameters = new byte[1 + random.nextInt(4096)];
        random.nextBytes(parameters);
        return ModelCheckpoint.newBuilder()
                .setVersion(random.nextInt(1000))
                .setConfiguration(Map.of("latentDim", "32", "k", Integer.toString(random.nextInt(50))))
                .setParameters(ByteBuffer.wrap(parameters))
                .setMetrics(Map.of("validationBound", -90 * random.nextDouble()))
                .setCreatedAt(instant(random))
                .build();
    }

    public static DeadLetter deadLetter(Random random) {
        byte[] value = new byte[1 + random.nextInt(100)];
        random.nextBytes(value);
        return DeadLetter.newBuilder()
                .setOriginalKey(null)
                .setOriginalValue(ByteBuffer.wrap(value))
                .setSourceTopic("vma.events")
                .setSourcePartition(random.nextInt(12))
                .setSourceOffset(random.nextInt(1_000_000))
                .setErrorType("BAD_HEADER")
                .setReason("The record starts with 0x00 0x00 instead of the Avro single-object marker.")
                .setTimestamp(instant(random))
                .build();
    }

    private static List<Float> floats(Random random, int n) {
        List<Float> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(random.nextFloat());
        }
        return values;
    }

    /** Millisecond precision, as timestamp-millis keeps. */
    private static Instant instant(Random random) {
        return Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000));
    }
}
