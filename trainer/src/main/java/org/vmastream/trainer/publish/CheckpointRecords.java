package org.vmastream.trainer.publish;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.vmastream.model.checkpoint.Checkpoint;
import org.vmastream.model.checkpoint.CheckpointFile;
import org.vmastream.model.checkpoint.CheckpointFormatException;
import org.vmastream.model.checkpoint.ConfigProperties;
import org.vmastream.model.label.LabelHead;
import org.vmastream.model.label.LabelHeadFile;
import org.vmastream.schemas.ModelCheckpoint;

/** Converts between model checkpoints and the {@link ModelCheckpoint} records of the models topic. */
public final class CheckpointRecords {
    private CheckpointRecords() {}

    /**
     * The record of one published version.
     *
     * @param version    the version (the trainer's step count)
     * @param checkpoint the state to publish, Adam moments included so that a trainer can resume it exactly
     * @param head       the label head trained beside it, or null
     * @param metrics    training metrics at publish time, by name
     * @param createdAt  publication time
     */
    public static ModelCheckpoint toRecord(
            long version, Checkpoint checkpoint, LabelHead head, Map<String, Double> metrics, Instant createdAt) {
        Map<String, String> configuration = new LinkedHashMap<>(ConfigProperties.of(checkpoint.model()));
        configuration.putAll(ConfigProperties.of(checkpoint.training()));
        return ModelCheckpoint.newBuilder()
                .setVersion(version)
                .setConfiguration(configuration)
                .setParameters(ByteBuffer.wrap(CheckpointFile.toBytes(checkpoint)))
                .setMetrics(new LinkedHashMap<>(metrics))
                .setCreatedAt(createdAt)
                .setLabelHead(head == null ? null : ByteBuffer.wrap(LabelHeadFile.toBytes(head)))
                .build();
    }

    /** The bytes of the record's checkpoint file (a copy; the record is not changed). */
    public static byte[] parameterBytes(ModelCheckpoint record) {
        ByteBuffer parameters = record.getParameters().duplicate();
        byte[] bytes = new byte[parameters.remaining()];
        parameters.get(bytes);
        return bytes;
    }

    /**
     * The label head a record carries, or empty for a record without one.
     *
     * @throws CheckpointFormatException if the head's bytes are not a valid head
     */
    public static Optional<LabelHead> labelHead(ModelCheckpoint record) {
        if (record.getLabelHead() == null) {
            return Optional.empty();
        }
        ByteBuffer head = record.getLabelHead().duplicate();
        byte[] bytes = new byte[head.remaining()];
        head.get(bytes);
        return Optional.of(LabelHeadFile.fromBytes(bytes));
    }

    /**
     * The checkpoint a record carries.
     *
     * @throws CheckpointFormatException if the parameter bytes are not a valid checkpoint file
     */
    public static Checkpoint decode(ModelCheckpoint record) {
        return CheckpointFile.fromBytes(parameterBytes(record));
    }
}
