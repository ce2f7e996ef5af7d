package io.jpvm.interpreter;

import java.util.Arrays;

/**
 * What a {@link GuestMemory} records while it watches for changes: the authoritative table of
 * writable pages (the memory's own table then holds only the pages already written since the last
 * {@link #take}, so that the first store to any other page takes the slow path and is recorded here),
 * and the page numbers changed since the last {@link #take}, possibly with repeats.
 */
final class PageChanges {
    /** Per page: the page array when the page is writable, else null. Two levels of 1024. */
    final byte[][][] writable;
    private long[] pages = new long[16];
    private int count;

    PageChanges(byte[][][] writable) {
        this.writable = writable;
    }

    /** The writable page at page number {@code pageNumber} (in range), or null. */
    byte[] writablePage(long pageNumber) {
        byte[][] chunk = writable[(int) (pageNumber >>> 10)];
        return chunk == null ? null : chunk[(int) (pageNumber & 1023)];
    }

    /** Records that {@code pageNumber} changed. */
    void record(long pageNumber) {
        if (count == pages.length) {
            pages = Arrays.copyOf(pages, count * 2);
        }
        pages[count++] = pageNumber;
    }

    /** The distinct pages recorded since the last call, ascending; forgets them. */
    long[] take() {
        long[] out = Arrays.copyOf(pages, count);
        count = 0;
        Arrays.sort(out);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (n == 0 || out[i] != out[n - 1]) {
                out[n++] = out[i];
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
