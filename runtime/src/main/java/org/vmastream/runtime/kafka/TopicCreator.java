package org.vmastream.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the project's topics with their configs if they do not exist yet (existing topics are
 * left alone), and returns once every partition has a leader: an idempotent producer that sends a
 * burst to a partition still electing its leader can stall on out-of-order sequence errors until
 * its delivery timeout.
 */
public final class TopicCreator {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private TopicCreator() {}

    public static void ensure(KafkaConnection connection, TopicNames topics) {
        try (Admin admin = Admin.create(connection.clientProperties(Map.of()))) {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicNames.TopicSpec spec : topics.specs()) {
                if (!existing.contains(spec.topic().name())) {
                    missing.add(new NewTopic(spec.topic().name(), spec.partitions(), topics.replicationFactor())
                            .configs(spec.topic().configs()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.info(
                        "created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
            awaitLeaders(
                    admin,
                    topics.specs().stream().map(spec -> spec.topic().name()).toList());
            checkPartitions(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot create topics on " + connection.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails when a topic keyed by memory set (perhaps created by someone else) has another partition
     * count than {@code topics.partitions}: records would then be routed to tasks that do not hold their set.
     */
    private static void checkPartitions(Admin admin, TopicNames topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described =
                admin.describeTopics(topics.setKeyedTopics()).allTopicNames().get(60, TimeUnit.SECONDS);
        List<String> wrong = described.values().stream()
                .filter(description -> description.partitions().size() != topics.partitions())
                .map(description ->
                        description.name() + " has " + description.partitions().size())
                .toList();
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("topics keyed by memory set must all have topics.partitions = "
                    + topics.partitions() + " partitions, but " + String.join(", ", wrong)
                    + ": set topics.partitions to their count (and give the others as many partitions)");
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (leadersElected(admin, names)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + names + " have no leader after 60 s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Whether every partition of the topics has a leader. A topic just created may not be in the
     * broker's metadata yet, which describeTopics reports as unknown: not ready, ask again.
     */
    private static boolean leadersElected(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition ->
                            partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }
}
