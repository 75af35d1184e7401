package org.vmastream.scorer.batch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroDeserializer;

/**
 * Accepted events not yet scored: waiting for a batch, or in a batch being computed. They live in a
 * changelogged store as well as in memory: an event's input offset may be committed before its
 * batch is scored, and the store (written in the same transaction under exactly-once) is what
 * brings it back after a crash, so no accepted event is lost. The in-memory queue of waiting
 * events spares a store scan per batch.
 */
public final class PendingEvents {
    /** Name of the store. */
    public static final String STORE = "vma-scorer-pending";

    private final KeyValueStore<Long, byte[]> store;
    private final List<PendingEvent> waiting = new ArrayList<>();

    /** Loads whatever a previous owner of the task left pending. */
    public PendingEvents(KeyValueStore<Long, byte[]> store, AvroDeserializer<ScoreRequest> decoder, String topic) {
        this.store = store;
        try (KeyValueIterator<Long, byte[]> all = store.all()) {
            all.forEachRemaining(kv -> waiting.add(decode(kv.key, kv.value, decoder, topic)));
        }
    }

    /**
     * The store, in memory (it holds at most a batch), changelogged and cached: the cache is written
     * through at each commit, so an event scored before the next commit costs the changelog a
     * tombstone instead of its whole value, and only the events still waiting at a commit are
     * logged in full.
     */
    public static StoreBuilder<KeyValueStore<Long, byte[]>> storeBuilder() {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Long(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    /** Stores {@code event} and puts it at the end of the waiting queue. */
    public void add(PendingEvent event) {
        int keyLength = event.key() == null ? -1 : event.key().length;
        ByteBuffer buffer = ByteBuffer.allocate(
                        Long.BYTES + Integer.BYTES + Math.max(keyLength, 0) + event.value().length)
                .putLong(event.arrivalMicros())
                .putInt(keyLength);
        if (event.key() != null) {
            buffer.put(event.key());
        }
        store.put(event.offset(), buffer.put(event.value()).array());
        waiting.add(event);
    }

    /** Events waiting for a batch (not counting those taken for a batch and not yet removed). */
    public int waitingCount() {
        return waiting.size();
    }

    public boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /**
     * Takes up to {@code max} waiting events, oldest first, for a batch. They stay in the store until
     * {@link #remove}d, so a batch whose scores were never forwarded is scored again after a restart.
     */
    public List<PendingEvent> take(int max) {
        int count = Math.min(max, waiting.size());
        List<PendingEvent> taken = new ArrayList<>(waiting.subList(0, count));
        waiting.subList(0, count).clear();
        return taken;
    }

    /** Forgets events that were scored or dead-lettered. */
    public void remove(List<PendingEvent> done) {
        for (PendingEvent event : done) {
            store.delete(event.offset());
        }
    }

    private static PendingEvent decode(
            long offset, byte[] bytes, AvroDeserializer<ScoreRequest> decoder, String topic) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long arrival = buffer.getLong();
        int keyLength = buffer.getInt();
        byte[] key = null;
        if (keyLength >= 0) {
            key = new byte[keyLength];
            buffer.get(key);
        }
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return new PendingEvent(offset, arrival, key, value, decoder.deserialize(topic, value));
    }
}
