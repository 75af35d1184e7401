package org.vmastream.model.label;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.checkpoint.CheckpointFormatException;

/**
 * The label head's portable bytes, published beside the generative model's checkpoint: big-endian,
 * no Java serialisation.
 *
 * <pre>
 * magic "VMAHEAD\0" | int format version | int inputs | int label count, (UTF label)*
 * | long P, P floats | long CRC-32 of everything before
 * </pre>
 */
public final class LabelHeadFile {
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "VMAHEAD\0".getBytes(StandardCharsets.US_ASCII);

    private LabelHeadFile() {}

    /** The head's bytes. */
    public static byte[] toBytes(LabelHead head) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(head.inputs());
            out.writeInt(head.labels().size());
            for (String label : head.labels()) {
                out.writeUTF(label);
            }
            float[] values = head.parameters().values().castTo(DataType.FLOAT).toFloatVector();
            out.writeLong(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(buffer.toByteArray());
            out.writeLong(crc.getValue());
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates head bytes. */
    public static LabelHead fromBytes(byte[] bytes) {
        if (bytes.length < MAGIC.length + 4 + 8
                || !ByteBuffer.wrap(bytes, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new CheckpointFormatException("not a vma-stream label head: the bytes do not start with VMAHEAD");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() != crc.getValue()) {
            throw new CheckpointFormatException("label head is corrupt (CRC-32 mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new CheckpointFormatException("label head format version " + version
                        + " is not supported by this build (it reads version " + FORMAT_VERSION + ")");
            }
            int inputs = in.readInt();
            int count = in.readInt();
            List<String> labels = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                labels.add(in.readUTF());
            }
            long size = in.readLong();
            long expected = LabelHead.layoutOf(inputs, count).stream()
                    .mapToLong(s -> (long) s.rows() * s.cols())
                    .sum();
            if (size != expected) {
                throw new CheckpointFormatException("label head has " + size + " parameters; " + inputs + " inputs and "
                        + count + " labels need " + expected);
            }
            float[] values = new float[Math.toIntExact(size)];
            for (int i = 0; i < values.length; i++) {
                values[i] = in.readFloat();
            }
            return LabelHead.withParameters(inputs, labels, Nd4j.create(values, new long[] {size}, 'c'));
        } catch (EOFException e) {
            throw new CheckpointFormatException("label head is truncated", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
