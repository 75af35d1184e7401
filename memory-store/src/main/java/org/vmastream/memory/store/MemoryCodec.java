package org.vmastream.memory.store;

import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.MemorySetState;
import org.vmastream.schemas.serde.AvroSerde;

/** Avro single-object encoding of the values in the memory stores (evolvable, like the topics). */
final class MemoryCodec {
    private final AvroSerde<Exemplar> exemplars;
    private final AvroSerde<MemorySetState> states = new AvroSerde<>(MemorySetState.class);

    MemoryCodec(int maxRecordBytes) {
        this.exemplars = new AvroSerde<>(Exemplar.class, maxRecordBytes);
    }

    byte[] encode(Exemplar exemplar) {
        return exemplars.serialize(null, exemplar);
    }

    Exemplar exemplar(byte[] bytes) {
        return exemplars.deserialize(null, bytes);
    }

    byte[] encode(MemorySetState state) {
        return states.serialize(null, state);
    }

    MemorySetState state(byte[] bytes) {
        return states.deserialize(null, bytes);
    }
}
