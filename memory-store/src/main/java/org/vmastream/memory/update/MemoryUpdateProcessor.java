package org.vmastream.memory.update;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.memory.MemoryStoreConfig;
import org.vmastream.memory.store.MemoryKeys;
import org.vmastream.memory.store.MemoryStores;
import org.vmastream.memory.store.MemoryWriter;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.serde.AvroDeserializer;
import org.vmastream.schemas.serde.DeadLetters;
import org.vmastream.schemas.serde.ErrorType;
import org.vmastream.schemas.serde.UndecodableRecordException;

/**
 * Materialises the exemplar topic into the memory stores. Records keyed by memory set carry an
 * Exemplar (insert, or replace when the id is already there); a tombstone (null value) deletes
 * the exemplar named by the {@value #DELETE_ID_HEADER} header, or the whole set when there is no
 * such header. The exemplars that {@link MemoryStoreConfig#references()} holds out go to the set's
 * reference pool instead of its memory (tombstones apply to both). Anything that cannot be applied
 * goes to the dead-letter child with its reason.
 */
public final class MemoryUpdateProcessor implements Processor<byte[], byte[], String, DeadLetter> {
    /** Header naming the exemplar id a tombstone deletes. */
    public static final String DELETE_ID_HEADER = "vma.exemplar.id";

    private static final Logger LOG = LoggerFactory.getLogger(MemoryUpdateProcessor.class);

    private final MemoryStoreConfig config;
    private final String deadLetterChild;
    private final MemoryUpdateListener listener;
    private final AvroDeserializer<Exemplar> decoder;
    private ProcessorContext<String, DeadLetter> context;
    private MemoryWriter memory;
    private MemoryWriter references;

    /**
     * @param deadLetterChild name of the sink (child node) that dead letters are forwarded to
     * @param listener        told about every change, e.g. for metrics
     */
    public MemoryUpdateProcessor(MemoryStoreConfig config, String deadLetterChild, MemoryUpdateListener listener) {
        this.config = config;
        this.deadLetterChild = deadLetterChild;
        this.listener = listener;
        this.decoder = new AvroDeserializer<>(Exemplar.class, maxRecordBytes(config));
    }

    /** Largest exemplar encoding accepted: 4 bytes per value plus room for ids, labels and header. */
    public static int maxRecordBytes(MemoryStoreConfig config) {
        return (int) Math.min(Integer.MAX_VALUE, 4L * config.maxValues() + (64 << 10));
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        this.context = context;
        this.memory = MemoryStores.memory(context, config);
        this.references = MemoryStores.references(context, config);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String set = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!MemoryKeys.validSetName(set)) {
            reject(
                    record,
                    "the record key must name a memory set (non-blank, no NUL byte); it was "
                            + (set == null ? "null" : "'" + set + "'"));
            return;
        }
        if (record.value() == null) {
            tombstone(set, record);
            return;
        }
        Exemplar exemplar;
        try {
            exemplar = decoder.deserialize(topic(), record.value());
        } catch (UndecodableRecordException e) {
            deadLetter(
                    record,
                    DeadLetters.of(record.key(), record.value(), topic(), partition(), offset(), e, Instant.now()));
            return;
        }
        String problem = problem(set, exemplar);
        if (problem != null) {
            reject(record, "exemplar " + exemplar.getId() + " " + problem);
            return;
        }
        if (config.references().isReference(set, exemplar.getId())) {
            references.insert(set, exemplar);
        } else {
            listener.inserted(set, memory.insert(set, exemplar));
        }
    }

    private String problem(String set, Exemplar exemplar) {
        if (!set.equals(exemplar.getMemorySet())) {
            return "names memory set '" + exemplar.getMemorySet() + "' but was keyed by '" + set + "'";
        }
        if (exemplar.getId().isBlank()) {
            return "has a blank id";
        }
        String values = ValueChecks.problem(exemplar.getShape(), exemplar.getData(), config.maxValues());
        if (values != null) {
            return values;
        }
        for (MemoryWriter held : new MemoryWriter[] {memory, references}) {
            MemorySetState state = held.state(set).orElse(null);
            if (state != null
                    && state.getSize() > 0
                    && state.getDimension() != exemplar.getData().size()) {
                return "has " + exemplar.getData().size() + " values but memory set " + set + " holds entries of "
                        + state.getDimension();
            }
        }
        return null;
    }

    private void tombstone(String set, Record<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(DELETE_ID_HEADER);
        if (header == null) {
            int removed = memory.clear(set);
            references.clear(set);
            LOG.info("memory set {} cleared by tombstone ({} entries removed)", set, removed);
            listener.cleared(set, removed);
        } else {
            String id = new String(header.value(), StandardCharsets.UTF_8);
            references.delete(set, id);
            listener.deleted(set, memory.delete(set, id));
        }
    }

    private void reject(Record<byte[], byte[]> record, String reason) {
        deadLetter(
                record,
                DeadLetters.rejected(
                        record.key(),
                        record.value(),
                        topic(),
                        partition(),
                        offset(),
                        ErrorType.INVALID_EXEMPLAR,
                        reason,
                        Instant.now()));
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetter letter) {
        listener.deadLettered(letter.getErrorType());
        context.forward(new Record<>(letter.getSourceTopic(), letter, record.timestamp()), deadLetterChild);
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
    }

    private int partition() {
        return context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
    }

    private long offset() {
        return context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
    }
}
