package org.vmastream.launcher.cli;

import java.io.UncheckedIOException;
import org.vmastream.datasets.mnist.MnistUnavailableException;
import org.vmastream.model.checkpoint.CheckpointFormatException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports a failed command as one line saying what went wrong (exit code 1). The failures a user
 * can cause and fix (missing data, a bad checkpoint, an unwritable file, an impossible setting)
 * carry messages written for the user, so their stack traces would only hide them; anything else
 * is a bug and keeps its stack trace.
 */
public final class FailureHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        command.getErr()
                .println(command.getColorScheme()
                        .errorText("vma " + command.getCommandName() + ": " + describe(failure)));
        if (!expected(failure)) {
            failure.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    private static boolean expected(Exception failure) {
        return failure instanceof MnistUnavailableException
                || failure instanceof CheckpointFormatException
                || failure instanceof UncheckedIOException
                || failure instanceof IllegalArgumentException
                || failure instanceof IllegalStateException;
    }

    private static String describe(Exception failure) {
        if (failure instanceof UncheckedIOException io && io.getCause() != null) {
            return failure.getMessage() + " (" + io.getCause() + ")";
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }
}
