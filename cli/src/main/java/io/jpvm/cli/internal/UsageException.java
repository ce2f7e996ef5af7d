package io.jpvm.cli.internal;

/**
 * Bad input or usage found while a command runs: a missing or malformed file, an impossible option
 * combination. Reported as one line {@code jpvm: <message>} with exit code 2, never with a stack trace.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
