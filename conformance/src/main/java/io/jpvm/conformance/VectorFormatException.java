package io.jpvm.conformance;

/** A vector file or directory that cannot be read; the message names the file and the problem. */
public final class VectorFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VectorFormatException(String message) {
        super(message);
    }
}
