package org.vmastream.model.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.model.ModelConfig;
import org.vmastream.model.VmaModel;
import org.vmastream.model.nn.ParameterSet;
import org.vmastream.model.train.TrainingConfig;

/**
 * The portable checkpoint file: big-endian binary, no Java serialisation, readable on any platform.
 *
 * <pre>
 * magic "VMACKPT\0" | int format version | int property count, (UTF key, UTF value)*
 * | int block count, (UTF name, int rows, int cols)* | byte precision (0 float, 1 double)
 * | long P, P values | long S (0 or 2P), S optimiser values | long CRC-32 of everything before
 * </pre>
 * Properties hold the model and training configuration, the step and the provenance. The block
 * list is checked against the layout the configuration implies, so that a file from another
 * architecture is refused with the first block that differs.
 */
public final class CheckpointFile {
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final byte[] MAGIC = "VMACKPT\0".getBytes(StandardCharsets.US_ASCII);
    private static final String STEP = "checkpoint.step";
    private static final String PROVENANCE = "provenance.";

    private CheckpointFile() {}

    /** Writes atomically (temporary file, then rename). */
    public static void write(Path file, Checkpoint checkpoint) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            Files.write(temporary, toBytes(checkpoint));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + file, e);
        }
    }

    /** Reads and validates a checkpoint file. */
    public static Checkpoint read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read checkpoint " + file, e);
        }
        try {
            return fromBytes(bytes);
        } catch (CheckpointFormatException e) {
            throw new CheckpointFormatException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes, e.g. to publish a model on a topic. */
    public static byte[] toBytes(Checkpoint c) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            Map<String, String> properties = new LinkedHashMap<>();
            properties.putAll(ConfigProperties.of(c.model()));
            properties.putAll(ConfigProperties.of(c.training()));
            properties.put(STEP, Long.toString(c.step()));
            c.provenance().forEach((k, v) -> properties.put(PROVENANCE + k, v));
            out.writeInt(properties.size());
            for (Map.Entry<String, String> e : properties.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            List<ParameterSet.BlockSpec> layout = VmaModel.layoutOf(c.model());
            out.writeInt(layout.size());
            for (ParameterSet.BlockSpec spec : layout) {
                out.writeUTF(spec.name());
                out.writeInt(spec.rows());
                out.writeInt(spec.cols());
            }
            boolean isDouble = c.model().precision() == ModelConfig.Precision.DOUBLE;
            out.writeByte(isDouble ? 1 : 0);
            writeArray(out, c.parameters(), isDouble);
            if (c.optimizerState() == null) {
                out.writeLong(0);
            } else {
                writeArray(out, c.optimizerState(), isDouble);
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

    /** Parses and validates checkpoint bytes. */
    public static Checkpoint fromBytes(byte[] bytes) {
        if (bytes.length < MAGIC.length + 4 + 8) {
            throw new CheckpointFormatException("not a vma-stream checkpoint: only " + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new CheckpointFormatException(
                        "not a vma-stream checkpoint: the file does not start with VMACKPT");
            }
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new CheckpointFormatException("checkpoint format version " + version + " is not supported by this"
                        + " build (it reads version " + FORMAT_VERSION + "); use the vma-stream release that wrote it");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
            if (stored != crc.getValue()) {
                throw new CheckpointFormatException(
                        "checkpoint is corrupt (CRC-32 mismatch): re-copy it or use another one");
            }
            Map<String, String> properties = new LinkedHashMap<>();
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                properties.put(in.readUTF(), in.readUTF());
            }
            ModelConfig model = ConfigProperties.modelConfig(properties);
            TrainingConfig training = ConfigProperties.trainingConfig(properties);
            checkLayout(in, VmaModel.layoutOf(model));
            boolean isDouble = in.readByte() == 1;
            if (isDouble != (model.precision() == ModelConfig.Precision.DOUBLE)) {
                throw new CheckpointFormatException("checkpoint precision flag contradicts its configuration");
            }
            INDArray parameters = readArray(in, isDouble);
            long expected = VmaModel.layoutOf(model).stream()
                    .mapToLong(s -> (long) s.rows() * s.cols())
                    .sum();
            if (parameters.length() != expected) {
                throw new CheckpointFormatException("checkpoint has " + parameters.length()
                        + " parameters but its configuration needs " + expected);
            }
            INDArray state = readArray(in, isDouble);
            if (state.length() != 0 && state.length() != 2 * expected) {
                throw new CheckpointFormatException(
                        "checkpoint optimiser state has " + state.length() + " values; expected 0 or " + 2 * expected);
            }
            Map<String, String> provenance = new LinkedHashMap<>();
            properties.forEach((k, v) -> {
                if (k.startsWith(PROVENANCE)) {
                    provenance.put(k.substring(PROVENANCE.length()), v);
                }
            });
            long step = Long.parseLong(properties.getOrDefault(STEP, "0"));
            return new Checkpoint(model, training, step, parameters, state.length() == 0 ? null : state, provenance);
        } catch (EOFException e) {
            throw new CheckpointFormatException("checkpoint is truncated: re-copy it or use another one", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkLayout(DataInputStream in, List<ParameterSet.BlockSpec> layout) throws IOException {
        int blocks = in.readInt();
        if (blocks != layout.size()) {
            throw new CheckpointFormatException("checkpoint has " + blocks + " parameter blocks; its configuration"
                    + " implies " + layout.size() + " in this build");
        }
        for (ParameterSet.BlockSpec spec : layout) {
            String name = in.readUTF();
            int rows = in.readInt();
            int cols = in.readInt();
            if (!name.equals(spec.name()) || rows != spec.rows() || cols != spec.cols()) {
                throw new CheckpointFormatException("checkpoint block " + name + " " + rows + "x" + cols
                        + " does not fit this build's " + spec.name() + " " + spec.rows() + "x" + spec.cols());
            }
        }
    }

    private static void writeArray(DataOutputStream out, INDArray array, boolean isDouble) throws IOException {
        out.writeLong(array.length());
        if (isDouble) {
            for (double v : array.reshape(array.length()).toDoubleVector()) {
                out.writeDouble(v);
            }
        } else {
            for (float v : array.reshape(array.length()).castTo(DataType.FLOAT).toFloatVector()) {
                out.writeFloat(v);
            }
        }
    }

    private static INDArray readArray(DataInputStream in, boolean isDouble) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > Integer.MAX_VALUE) {
            throw new CheckpointFormatException("checkpoint array length " + length + " is impossible");
        }
        int n = (int) length;
        if (isDouble) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = in.readDouble();
            }
            return Nd4j.create(values, new long[] {n}, DataType.DOUBLE);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return Nd4j.create(values, new long[] {n}, DataType.FLOAT);
    }
}
