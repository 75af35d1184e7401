package org.vmastream.memory.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Byte keys of the memory stores: the set name, a 0 byte, then an entry's sequence number
 * (big-endian, so byte order is insertion order) or its id. The 0 byte ends the set name, so a
 * prefix scan of set "a" never sees set "ab"; set names therefore must not contain it.
 */
public final class MemoryKeys {
    private static final byte SEPARATOR = 0;

    private MemoryKeys() {}

    /** Keys of every entry of {@code set} start with this. */
    public static Bytes prefix(String set) {
        byte[] name = name(set);
        byte[] out = new byte[name.length + 1];
        System.arraycopy(name, 0, out, 0, name.length);
        out[name.length] = SEPARATOR;
        return Bytes.wrap(out);
    }

    /** Key of the entry with this insertion sequence number. */
    public static Bytes entry(String set, long sequence) {
        byte[] prefix = prefix(set).get();
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES)
                .put(prefix)
                .putLong(sequence)
                .array());
    }

    /** Key of an exemplar id within its set (the id index and read counts). */
    public static Bytes id(String set, String id) {
        byte[] prefix = prefix(set).get();
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + idBytes.length)
                .put(prefix)
                .put(idBytes)
                .array());
    }

    /** The sequence number at the end of an entry key. */
    public static long sequenceOf(Bytes entryKey) {
        byte[] key = entryKey.get();
        return ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
    }

    /** Whether a name can be a memory set: not blank, without the separator byte. */
    public static boolean validSetName(String set) {
        return set != null && !set.isBlank() && set.indexOf('\0') < 0;
    }

    private static byte[] name(String set) {
        if (!validSetName(set)) {
            throw new IllegalArgumentException("invalid memory set name: '" + set + "'");
        }
        return set.getBytes(StandardCharsets.UTF_8);
    }
}
