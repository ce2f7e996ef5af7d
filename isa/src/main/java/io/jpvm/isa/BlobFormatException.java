package io.jpvm.isa;

/**
 * The one exception every container parser raises for malformed input. Its message names the field
 * and the byte offset at which the input went wrong.
 */
public final class BlobFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final long offset;

    public BlobFormatException(String field, long offset, String problem) {
        super(field + " at byte " + offset + ": " + problem);
        this.field = field;
        this.offset = offset;
    }

    /** The field that was being read. */
    public String field() {
        return field;
    }

    /** The byte offset (within the parsed input) where the problem was found. */
    public long offset() {
        return offset;
    }
}
