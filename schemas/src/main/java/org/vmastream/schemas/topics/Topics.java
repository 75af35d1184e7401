package org.vmastream.schemas.topics;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.vmastream.schemas.DeadLetter;
import org.vmastream.schemas.Exemplar;
import org.vmastream.schemas.ModelCheckpoint;
import org.vmastream.schemas.Score;
import org.vmastream.schemas.ScoreRequest;
import org.vmastream.schemas.serde.AvroSerde;

/**
 * The default topics of vma-stream. Each call returns a new declaration with its own serde
 * instances, so configuring one user's serdes never affects another's.
 */
public final class Topics {

    /** Exemplars offered to memories. */
    public static final String EXEMPLARS = "vma.exemplars";

    /** Events to score. */
    public static final String EVENTS = "vma.events";

    /** Scores of events. */
    public static final String SCORES = "vma.scores";

    /** Published model checkpoints; compacted. */
    public static final String MODELS = "vma.models";

    /** Records that could not be processed. */
    public static final String DEAD_LETTERS = "vma.deadletter";

    /**
     * Largest model checkpoint record, in bytes: 64 MiB. Parameter files outgrow the 1 MiB default,
     * so the models topic is created with this {@code max.message.bytes} and its deserializer accepts
     * as much; producers of checkpoints need a {@code max.request.size} at least this large.
     */
    public static final int MODELS_MAX_RECORD_BYTES = 64 << 20;

    /**
     * Largest dead letter, in bytes: a dead letter holds the original key and value, so it must fit
     * any record the other topics accept, with room to spare for the error details.
     */
    public static final int DEAD_LETTERS_MAX_RECORD_BYTES = MODELS_MAX_RECORD_BYTES + (1 << 20);

    private static final Map<String, String> DELETE =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);

    private Topics() {}

    /** @return {@value #EXEMPLARS}, keyed by memory set so one memory's exemplars stay in order */
    public static Topic<String, Exemplar> exemplars() {
        return new Topic<>(EXEMPLARS, Serdes.String(), new AvroSerde<>(Exemplar.class), DELETE);
    }

    /** @return {@value #EVENTS}, keyed by memory set, like the exemplars */
    public static Topic<String, ScoreRequest> events() {
        return new Topic<>(EVENTS, Serdes.String(), new AvroSerde<>(ScoreRequest.class), DELETE);
    }

    /** @return {@value #SCORES}, keyed by event id */
    public static Topic<String, Score> scores() {
        return new Topic<>(SCORES, Serdes.String(), new AvroSerde<>(Score.class), DELETE);
    }

    /**
     * @return {@value #MODELS}, keyed by model name and compacted so that the latest checkpoint of
     *     each model is always retained; records up to {@link #MODELS_MAX_RECORD_BYTES}
     */
    public static Topic<String, ModelCheckpoint> models() {
        return new Topic<>(
                MODELS,
                Serdes.String(),
                new AvroSerde<>(ModelCheckpoint.class, MODELS_MAX_RECORD_BYTES),
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(MODELS_MAX_RECORD_BYTES)));
    }

    /**
     * @return {@value #DEAD_LETTERS}, keyed by source topic; records up to {@link
     *     #DEAD_LETTERS_MAX_RECORD_BYTES}
     */
    public static Topic<String, DeadLetter> deadLetters() {
        return new Topic<>(
                DEAD_LETTERS,
                Serdes.String(),
                new AvroSerde<>(DeadLetter.class, DEAD_LETTERS_MAX_RECORD_BYTES),
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(DEAD_LETTERS_MAX_RECORD_BYTES)));
    }

    /** @return every default topic, e.g. to create them all */
    public static List<Topic<String, ?>> all() {
        return List.of(exemplars(), events(), scores(), models(), deadLetters());
    }
}
