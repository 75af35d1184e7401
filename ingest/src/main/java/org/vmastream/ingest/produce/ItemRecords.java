package org.vmastream.ingest.produce;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import org.vmastream.ingest.source.Item;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ScoreRequest;

/** Turns items into the Avro records of the exemplar and event topics. */
public final class ItemRecords {
    private ItemRecords() {}

    /** The item as an exemplar of {@code memorySet}, observed at {@code timestamp}. */
    public static Exemplar exemplar(Item item, String memorySet, Instant timestamp) {
        return Exemplar.newBuilder()
                .setId(item.id())
                .setMemorySet(memorySet)
                .setLabel(item.label())
                .setShape(ints(item.shape()))
                .setData(new FloatList(item.data()))
                .setTimestamp(timestamp)
                .setSource(item.source())
                .build();
    }

    /** The item as an event to score against {@code memorySet}; its label, if any, is not part of an event. */
    public static ScoreRequest event(Item item, String memorySet, Instant timestamp) {
        return ScoreRequest.newBuilder()
                .setId(item.id())
                .setMemorySet(memorySet)
                .setShape(ints(item.shape()))
                .setData(new FloatList(item.data()))
                .setTimestamp(timestamp)
                .build();
    }

    private static List<Integer> ints(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** A read-only view: Avro boxes the values one at a time as it writes them, instead of in one more large copy. */
    private static final class FloatList extends AbstractList<Float> implements RandomAccess {
        private final float[] values;

        FloatList(float[] values) {
            this.values = values;
        }

        @Override
        public Float get(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }
    }
}
