package org.vmastream.fewshot.conv;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * One portable file per convolutional model: a header (format version, architecture, steps taken) followed by the
 * SameDiff graph with its weights and Adam state in ND4J's FlatBuffers format. Written through a sibling file and
 * a rename, so an interrupted save never leaves half a checkpoint.
 */
public final class FewShotCheckpoint {
    /** Bumped whenever the header or the graph's layout changes incompatibly. */
    public static final int FORMAT_VERSION = 1;

    private static final int MAGIC = 0x564d4146; // "VMAF"

    private FewShotCheckpoint() {}

    /** A loaded model and the number of updates it has had. */
    public record Loaded(FewShotModel model, long steps) {}

    /** Saves the model after {@code steps} updates, with its optimiser state so that training can resume. */
    public static void save(FewShotModel model, long steps, Path file) throws IOException {
        write(model, steps, file, true);
    }

    /**
     * Saves the model's weights alone, without the optimiser state: a third of the size, for shipping
     * a model that is used rather than trained on (training from it starts Adam afresh).
     */
    public static void saveWeights(FewShotModel model, long steps, Path file) throws IOException {
        write(model, steps, file, false);
    }

    private static void write(FewShotModel model, long steps, Path file, boolean optimiserState) throws IOException {
        ByteArrayOutputStream graph = new ByteArrayOutputStream();
        model.graph().save(graph, optimiserState);
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream raw = Files.newOutputStream(temporary);
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw))) {
            ConvConfig c = model.config();
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(c.kind().name());
            out.writeInt(c.pixels());
            out.writeInt(c.maps());
            out.writeInt(c.latent());
            out.writeInt(c.hidden());
            out.writeInt(c.matching());
            out.writeBoolean(c.learnedPrior());
            out.writeLong(steps);
            out.writeInt(graph.size());
            graph.writeTo(out);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @throws IOException with a message saying what is wrong when the file is not a checkpoint of this format
     */
    public static Loaded load(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return load(raw, file.toString());
        }
    }

    /**
     * Reads a checkpoint from a stream (a resource inside a jar); {@code name} names it in errors.
     *
     * @throws IOException with a message saying what is wrong when the bytes are not a checkpoint of this format
     */
    public static Loaded load(InputStream raw, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(name + " is not a few-shot model checkpoint");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(
                        name + " has checkpoint format " + version + "; this build reads format " + FORMAT_VERSION);
            }
            ConvConfig config = new ConvConfig(
                    ModelKind.valueOf(in.readUTF()),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readInt(),
                    in.readBoolean());
            long steps = in.readLong();
            byte[] graph = new byte[in.readInt()];
            in.readFully(graph);
            SameDiff sd = SameDiff.load(new ByteArrayInputStream(graph), true);
            return new Loaded(new FewShotModel(config, sd), steps);
        } catch (EOFException e) {
            throw new IOException(name + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + " holds an unknown architecture: " + e.getMessage(), e);
        }
    }
}
