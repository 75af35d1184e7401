package org.vmastream.runtime.kafka;

import java.util.List;
import org.vmastream.runtime.settings.ParsedSettings;
import org.vmastream.runtime.settings.RuntimeSettings;
import org.vmastream.runtime.settings.Settings;
import org.vmastream.schemas.topics.Topic;
import org.vmastream.schemas.topics.Topics;

/**
 * The topics of one deployment, typed, under their configured names.
 *
 * @param partitions        partitions of the exemplar and event topics (equal, for co-partitioning)
 * @param replicationFactor replicas of every topic
 */
public record TopicNames(
        String exemplars,
        String events,
        String scores,
        String models,
        String deadLetters,
        int partitions,
        short replicationFactor) {

    public static TopicNames from(Settings settings) {
        ParsedSettings values = settings.parse(RuntimeSettings.KAFKA.definition());
        return new TopicNames(
                values.string(RuntimeSettings.EXEMPLARS_TOPIC),
                values.string(RuntimeSettings.EVENTS_TOPIC),
                values.string(RuntimeSettings.SCORES_TOPIC),
                values.string(RuntimeSettings.MODELS_TOPIC),
                values.string(RuntimeSettings.DEAD_LETTER_TOPIC),
                values.integer(RuntimeSettings.PARTITIONS),
                (short) values.integer(RuntimeSettings.REPLICATION_FACTOR));
    }

    /** The default names with a prefix, e.g. one namespace per test. */
    public static TopicNames prefixed(String prefix, int partitions) {
        return new TopicNames(
                prefix + Topics.EXEMPLARS,
                prefix + Topics.EVENTS,
                prefix + Topics.SCORES,
                prefix + Topics.MODELS,
                prefix + Topics.DEAD_LETTERS,
                partitions,
                (short) 1);
    }

    public Topic<String, org.vmastream.schemas.Exemplar> exemplarTopic() {
        return Topics.exemplars().withName(exemplars);
    }

    public Topic<String, org.vmastream.schemas.ScoreRequest> eventTopic() {
        return Topics.events().withName(events);
    }

    public Topic<String, org.vmastream.schemas.Score> scoreTopic() {
        return Topics.scores().withName(scores);
    }

    public Topic<String, org.vmastream.schemas.ModelCheckpoint> modelTopic() {
        return Topics.models().withName(models);
    }

    public Topic<String, org.vmastream.schemas.DeadLetter> deadLetterTopic() {
        return Topics.deadLetters().withName(deadLetters);
    }

    /**
     * The topic through which records of {@code topic} that a producer put on another partition than
     * Java's partitioner would reach their memory set's task: {@code topic} + ".by-set".
     */
    public static String rerouted(String topic) {
        return topic + ".by-set";
    }

    /**
     * Every topic with its partition count: the model topic has one partition so its order is total,
     * and the re-routing topics have as many as the topics they re-route, so they are co-partitioned.
     */
    public List<TopicSpec> specs() {
        return List.of(
                new TopicSpec(exemplarTopic(), partitions),
                new TopicSpec(eventTopic(), partitions),
                new TopicSpec(exemplarTopic().withName(rerouted(exemplars)), partitions),
                new TopicSpec(eventTopic().withName(rerouted(events)), partitions),
                new TopicSpec(scoreTopic(), partitions),
                new TopicSpec(modelTopic(), 1),
                new TopicSpec(deadLetterTopic(), 1));
    }

    /**
     * The topics keyed by memory set whose partition count must be {@code partitions}: records are
     * routed to their set's task by computing the partition of their key among that many.
     */
    public List<String> setKeyedTopics() {
        return List.of(exemplars, events, rerouted(exemplars), rerouted(events));
    }

    /** A topic declaration and how many partitions to create it with. */
    public record TopicSpec(Topic<String, ?> topic, int partitions) {}
}
