package org.vmastream.launcher.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a bad command line as its message and a pointer to {@code --help} (exit code 2), rather
 * than picocli's default of a full usage page, which buries the one line that matters.
 */
public final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getColorScheme()
                .errorText(command.getCommandSpec().qualifiedName() + ": " + error.getMessage()));
        UnmatchedArgumentException.printSuggestions(error, err);
        err.printf(
                "Try '%s --help' for more information.%n",
                command.getCommandSpec().qualifiedName());
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
