package io.jpvm.kernel;

/**
 * An invocation could not be set up: the blob, its manifest or the arguments are unusable. The
 * {@link #reason()} says which rule failed; the message says where.
 */
public final class InvalidProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule an invocation set-up broke. */
    public enum Reason {
        /** The JAR v2 manifest or a CODE sub-blob is malformed (the cause is a BlobFormatException). */
        MALFORMED_BLOB,
        /** More than {@link KernelCodes#MAX_CODE_CAPS} CODE caps. */
        TOO_MANY_CODE_CAPS,
        /** The DATA caps need more pages than memory_pages provides. */
        OUT_OF_MEMORY,
        /** The gas given does not cover the 1500 per DATA page initialisation charge. */
        OUT_OF_GAS,
        /** Two DATA caps cover the same address page, or a cap sits where the kernel puts its own. */
        CONFLICT,
        /** The arguments cannot be delivered (no DATA cap in slot 0, or too long for it). */
        BAD_ARGUMENTS
    }

    private final Reason reason;

    public InvalidProgramException(Reason reason, String message) {
        this(reason, message, null);
    }

    public InvalidProgramException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
