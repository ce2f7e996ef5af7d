package io.jpvm.isa.internal;

/**
 * A problem found while handling one source line; the assembler's line loop turns it into an
 * {@link io.jpvm.isa.AsmException} carrying the line number.
 */
public final class AsmFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AsmFailure(String message) {
        super(message, null, false, false);
    }
}
