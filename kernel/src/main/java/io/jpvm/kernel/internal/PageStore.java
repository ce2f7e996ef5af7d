package io.jpvm.kernel.internal;

/**
 * The physical pages of one invocation: the UNTYPED pool of {@code memory_pages} pages, handed out
 * by a bump pointer (manifest DATA caps first, then RETYPE). A page is a plain {@code byte[4096]}
 * created on first use, so unused pool pages cost nothing; every mapping of a physical page (a DATA
 * cap and all views GRANTed from it) uses the same array object.
 */
final class PageStore {
    public static final int PAGE_SIZE = 4096;
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final long totalPages;
    private long next;
    private byte[][][] chunks = new byte[0][][];
    private long materialized;

    public PageStore(long totalPages) {
        this.totalPages = totalPages;
    }

    public long totalPages() {
        return totalPages;
    }

    /** Pages not yet carved. */
    public long remaining() {
        return totalPages - next;
    }

    /** Carves {@code n} pages (n ≤ remaining) and returns the first physical page number. */
    public long carve(long n) {
        if (n < 0 || n > remaining()) {
            throw new IllegalArgumentException("cannot carve " + n + " pages, " + remaining() + " left");
        }
        long first = next;
        next += n;
        return first;
    }

    /** Physical page {@code phys} (a carved page), created zero-filled on first use. */
    public byte[] page(long phys) {
        if (phys < 0 || phys >= next) {
            throw new IllegalArgumentException("physical page " + phys + " was never carved");
        }
        int hi = (int) (phys >>> CHUNK_BITS);
        if (hi >= chunks.length) {
            byte[][][] grown = new byte[(int) Math.min(Math.max(hi + 1L, chunks.length * 2L), Integer.MAX_VALUE - 8)][][];
            System.arraycopy(chunks, 0, grown, 0, chunks.length);
            chunks = grown;
        }
        byte[][] chunk = chunks[hi];
        if (chunk == null) {
            chunk = new byte[CHUNK][];
            chunks[hi] = chunk;
        }
        int lo = (int) (phys & (CHUNK - 1));
        byte[] p = chunk[lo];
        if (p == null) {
            p = new byte[PAGE_SIZE];
            chunk[lo] = p;
            materialized++;
        }
        return p;
    }

    /** Physical page {@code phys} if it has been created, else null (it reads as zeros). */
    public byte[] pageIfPresent(long phys) {
        int hi = (int) (phys >>> CHUNK_BITS);
        if (phys < 0 || hi >= chunks.length || chunks[hi] == null) {
            return null;
        }
        return chunks[hi][(int) (phys & (CHUNK - 1))];
    }

    /** Pages created so far (memory actually used). */
    public long materializedPages() {
        return materialized;
    }
}
