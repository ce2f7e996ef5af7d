package io.jpvm.isa;

/**
 * An error in assembly source: the 1-based line it was found on and a one-line reason. The message
 * reads {@code "line 12: unknown mnemonic 'ad_64'"}.
 */
public final class AsmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public AsmException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based source line. */
    public int line() {
        return line;
    }

    /** The message without the line prefix. */
    public String reason() {
        return reason;
    }
}
