package org.vmastream.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExactlyOnceRecoveryFilterTest {
    private static final String INTERNALS = "org.apache.kafka.streams.processor.internals.";
    private static final String PREFIX = "stream-thread [app-StreamThread-1] ";
    private final LoggerContext context = new LoggerContext();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void setUp() {
        ExactlyOnceRecoveryFilter filter = new ExactlyOnceRecoveryFilter();
        filter.start();
        context.addTurboFilter(filter);
        appender.setContext(context);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    @Test
    void turnsTheRecoveryAfterACrashIntoOneWarning() {
        TaskCorruptedException corrupted = new TaskCorruptedException(Set.of(new TaskId(0, 0)));
        // The lines Kafka Streams 4.3 logs when it restarts after SIGKILL under exactly-once (as seen in serve's log).
        logger("ProcessorStateManager")
                .warn(
                        PREFIX + "stream-task [0_0] State store {} did not find checkpoint offsets"
                                + " while stores are not empty, since under EOS it has the risk of getting uncommitted data in stores we"
                                + " have to treat it as a task corruption error and wipe out the local state of task {} before"
                                + " re-bootstrapping",
                        "vma-reference-reads",
                        "0_0");
        logger("StateDirectory")
                .warn("Failed to register startup state stores for task {}: {}", "0_0", corrupted.getMessage());
        logger("TaskManager").error(PREFIX + "Get exceptions for the following tasks: {}", Map.of("0_0", corrupted));
        // Kafka's LogContext loggers hand Logback the message already formatted.
        logger("TaskManager")
                .error(PREFIX + "Get exceptions for the following tasks: {0_1=" + corrupted + ", 0_0=" + corrupted
                        + "}");
        logger("TaskManager")
                .warn(
                        PREFIX + "Encounter corrupted task 0_0, will group it with other corrupted tasks and"
                                + " handle together",
                        corrupted);
        logger("StreamThread")
                .warn(
                        PREFIX + "Detected the states of tasks [0_1, 0_0] are corrupted. Will close the task"
                                + " as dirty and re-create and bootstrap from scratch.",
                        corrupted);

        assertThat(appender.list).hasSize(1);
        ILoggingEvent line = appender.list.get(0);
        assertThat(line.getLoggerName()).isEqualTo(ExactlyOnceRecoveryFilter.LOGGER);
        assertThat(line.getLevel().toString()).isEqualTo("WARN");
        assertThat(line.getFormattedMessage())
                .startsWith("tasks [0_1, 0_0] were not closed cleanly")
                .contains("restored from the changelogs");
        assertThat(line.getThrowableProxy()).isNull();
    }

    @Test
    void letsEveryOtherStreamsProblemThrough() {
        logger("TaskManager")
                .error(
                        PREFIX + "Get exceptions for the following tasks: {}",
                        Map.of("0_0", new IllegalStateException("disk full")));
        logger("StateDirectory").warn("Failed to register startup state stores for task {}: {}", "0_0", "lock held");
        logger("TaskManager")
                .error(PREFIX + "Get exceptions for the following tasks: {0_1="
                        + new TaskCorruptedException(Set.of(new TaskId(0, 1)))
                        + ", 0_0=java.lang.IllegalStateException: disk full}");
        logger("StreamThread")
                .error(PREFIX + "Encountered the following exception during processing", new RuntimeException());
        assertThat(appender.list).hasSize(4);
    }

    private Logger logger(String name) {
        return context.getLogger(INTERNALS + name);
    }
}
