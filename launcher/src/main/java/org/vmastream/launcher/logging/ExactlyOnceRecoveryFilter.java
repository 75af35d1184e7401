package org.vmastream.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.Marker;

/**
 * Turns Kafka Streams' exactly-once recovery after an unclean stop into one WARN line. After a
 * crash (SIGKILL, OOM, power loss) the tasks' local stores may hold writes of a transaction that
 * never committed, so Streams wipes them and restores them from the changelogs: normal and
 * correct, but it says so in half a dozen lines, one of them an ERROR with stack traces, which
 * sends operators looking for a failure. This filter drops exactly those lines and logs what
 * happens instead; any other Streams warning or error passes untouched. Remove the
 * {@code turboFilter} from {@code logback.xml} to see Streams' own lines.
 */
public final class ExactlyOnceRecoveryFilter extends TurboFilter {
    static final String LOGGER = "org.vmastream.recovery";
    private static final String INTERNALS = "org.apache.kafka.streams.processor.internals.";
    private static final String DETECTED = "Detected the states of tasks ";
    private static final String CORRUPTED = " are corrupted.";
    private static final String CORRUPTED_TEXT = "are corrupted";
    private static final Pattern TASK_ERROR = Pattern.compile("\\b\\d+_\\d+=");
    private static final Pattern TASK_CORRUPTION =
            Pattern.compile("\\b\\d+_\\d+=" + Pattern.quote(TaskCorruptedException.class.getName()) + ":");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || !logger.getName().startsWith(INTERNALS) || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String source = logger.getName().substring(INTERNALS.length());
        boolean recovery = switch (source) {
            case "ProcessorStateManager" ->
                format.contains("did not find checkpoint offsets while stores are not empty");
            case "StateDirectory" ->
                format.contains("Failed to register startup state stores")
                        && (format.contains(CORRUPTED_TEXT) || mentionsCorruption(params));
            case "TaskManager" ->
                format.contains("Encounter corrupted task")
                        || (format.contains("Get exceptions for the following tasks")
                                && (onlyCorruption(params) || onlyCorruption(format)));
            case "StreamThread" -> format.contains(DETECTED) && format.contains(CORRUPTED);
            default -> false;
        };
        if (!recovery) {
            return FilterReply.NEUTRAL;
        }
        if (source.equals("StreamThread")) {
            int from = format.indexOf(DETECTED) + DETECTED.length();
            String tasks = format.substring(from, format.indexOf(CORRUPTED, from));
            logger.getLoggerContext()
                    .getLogger(LOGGER)
                    .warn(
                            "tasks {} were not closed cleanly (the process stopped without"
                                    + " shutting down): their local stores may hold uncommitted writes, so they are wiped and restored"
                                    + " from the changelogs before processing resumes; exactly-once holds, nothing committed is lost"
                                    + " or repeated",
                            tasks);
        }
        return FilterReply.DENY;
    }

    private static boolean mentionsCorruption(Object[] params) {
        if (params == null) {
            return false;
        }
        for (Object param : params) {
            if (param instanceof TaskCorruptedException
                    || (param instanceof String text && text.contains(CORRUPTED_TEXT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The TaskManager's map of task to exception as text (Kafka's {@code LogContext} loggers format
     * the message before Logback sees it), when every exception is a corruption.
     */
    private static boolean onlyCorruption(String message) {
        long errors = TASK_ERROR.matcher(message).results().count();
        return errors > 0
                && errors == TASK_CORRUPTION.matcher(message).results().count();
    }

    /** The TaskManager's map of task to exception, when every exception is a corruption. */
    private static boolean onlyCorruption(Object[] params) {
        return params != null
                && params.length > 0
                && params[0] instanceof Map<?, ?> errors
                && !errors.isEmpty()
                && errors.values().stream().allMatch(TaskCorruptedException.class::isInstance);
    }
}
