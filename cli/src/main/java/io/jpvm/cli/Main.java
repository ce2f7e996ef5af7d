package io.jpvm.cli;

import io.jpvm.cli.internal.JpvmCommand;

/**
 * Entry point of the {@code jpvm} command. Exit codes: 0 the program ran or the command succeeded,
 * 1 an internal error (or failing vectors), 2 bad input or usage.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(JpvmCommand.newCommandLine().execute(args));
    }
}
