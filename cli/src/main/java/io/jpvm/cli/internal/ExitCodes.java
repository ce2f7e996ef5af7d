package io.jpvm.cli.internal;

/** The command's exit codes. */
public final class ExitCodes {
    /** The program ran (whatever its status) or the command succeeded. */
    public static final int OK = 0;
    /** An internal error, or a check that did not pass (failing vectors). */
    public static final int FAILURE = 1;
    /** Bad input or usage. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
