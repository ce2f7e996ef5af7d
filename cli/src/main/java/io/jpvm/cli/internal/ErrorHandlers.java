package io.jpvm.cli.internal;

import io.jpvm.conformance.VectorFormatException;
import io.jpvm.isa.BlobFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import picocli.CommandLine;

/**
 * picocli's error hooks: bad usage and bad input print one line and exit 2; anything else is an
 * internal error that prints one line (a stack trace only with {@code JPVM_DEBUG=1}) and exits 1.
 */
final class ErrorHandlers {
    /** Environment variable that turns on stack traces for internal errors. */
    static final String DEBUG_ENV = "JPVM_DEBUG";

    private ErrorHandlers() {}

    static void install(CommandLine cmd) {
        cmd.setParameterExceptionHandler(ErrorHandlers::parameterError);
        cmd.setExecutionExceptionHandler(ErrorHandlers::executionError);
        cmd.setExecutionStrategy(ErrorHandlers::runCatchingErrors);
    }

    /** picocli lets {@link Error}s escape; wrap them so that they reach {@link #executionError} too. */
    private static int runCatchingErrors(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) {
            // reaches executionError as the ExecutionException itself (its cause is no Exception)
            throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), e.toString(), e);
        }
    }

    private static int parameterError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String hint = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        err.println("jpvm: " + oneLine(ex.getMessage()) + " (" + hint + ")");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int executionError(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code;
        if (isBadInput(ex)) {
            err.println("jpvm: " + oneLine(ex.getMessage()));
            code = ExitCodes.USAGE;
        } else {
            Throwable shown = ex instanceof CommandLine.ExecutionException && ex.getCause() instanceof Error
                    ? ex.getCause() : ex;
            err.println("jpvm: internal error: " + oneLine(String.valueOf(shown))
                    + (debug() ? "" : " (set " + DEBUG_ENV + "=1 for a stack trace)"));
            if (debug()) {
                StringWriter trace = new StringWriter();
                shown.printStackTrace(new PrintWriter(trace));
                err.print(trace);
            }
            code = ExitCodes.FAILURE;
        }
        err.flush();
        return code;
    }

    /**
     * Exceptions that describe bad input rather than a bug. Commands wrap problems in user files into
     * {@link UsageException} with the file name; an unwrapped assembler error comes from a built-in
     * workload and is an internal error.
     */
    static boolean isBadInput(Throwable ex) {
        return ex instanceof UsageException || ex instanceof BlobFormatException
                || ex instanceof VectorFormatException;
    }

    static boolean debug() {
        String v = System.getenv(DEBUG_ENV);
        return v != null && (v.equals("1") || v.toLowerCase(Locale.ROOT).equals("true"));
    }

    /** The first line of a message, never null. */
    static String oneLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
