package io.jpvm.conformance;

/**
 * One mapped page of a fuzz case.
 *
 * @param page     page number (address / 4096)
 * @param writable read-write, else read-only
 * @param contents 4096 initial bytes, or null for zeros
 */
public record FuzzPage(long page, boolean writable, byte[] contents) {
    public FuzzPage {
        if (contents != null && contents.length != 4096) {
            throw new IllegalArgumentException("a page holds 4096 bytes, got " + contents.length);
        }
    }

    /** The same page without its contents (all zero). */
    FuzzPage zeroed() {
        return new FuzzPage(page, writable, null);
    }
}
