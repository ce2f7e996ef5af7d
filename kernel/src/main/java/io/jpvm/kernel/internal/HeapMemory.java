package io.jpvm.kernel.internal;

import io.jpvm.kernel.PhysicalMemory;

/**
 * The portable {@link PhysicalMemory}: a {@code byte[4096]} per page, created zero-filled on first use
 * (unused pages cost nothing), in chunks of 1024 page references. Every mapping of a page uses the
 * same array object, which the interpreter reads and writes directly.
 */
public final class HeapMemory implements PhysicalMemory {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final long pageCount;
    private byte[][][] chunks = new byte[0][][];

    public HeapMemory(long pageCount) {
        if (pageCount < 0) {
            throw new IllegalArgumentException("page count " + pageCount + " < 0");
        }
        this.pageCount = pageCount;
    }

    @Override
    public long pageCount() {
        return pageCount;
    }

    /** Page {@code page}, created zero-filled on first use. */
    public byte[] page(long page) {
        if (page < 0 || page >= pageCount) {
            throw new IndexOutOfBoundsException("page " + page + " of a memory of " + pageCount + " pages");
        }
        int hi = (int) (page >>> CHUNK_BITS);
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
        int lo = (int) (page & (CHUNK - 1));
        byte[] p = chunk[lo];
        if (p == null) {
            p = new byte[PAGE_SIZE];
            chunk[lo] = p;
        }
        return p;
    }

    /** Page {@code page} if it has been created, else null (it reads as zeros). */
    private byte[] pageIfPresent(long page) {
        int hi = (int) (page >>> CHUNK_BITS);
        if (page < 0 || hi >= chunks.length || chunks[hi] == null) {
            return null;
        }
        return chunks[hi][(int) (page & (CHUNK - 1))];
    }

    @Override
    public void read(long page, int offset, byte[] dst, int dstOffset, int length) {
        check(page, offset, length);
        byte[] p = pageIfPresent(page);
        if (p != null) {
            System.arraycopy(p, offset, dst, dstOffset, length);
        } else {
            java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        }
    }

    @Override
    public void write(long page, int offset, byte[] src, int srcOffset, int length) {
        check(page, offset, length);
        System.arraycopy(src, srcOffset, page(page), offset, length);
    }

    private void check(long page, int offset, int length) {
        if (page < 0 || page >= pageCount || offset < 0 || length < 0 || offset > PAGE_SIZE - length) {
            throw new IndexOutOfBoundsException("page " + page + " bytes [" + offset + ", " + offset + " + " + length
                    + ") of a memory of " + pageCount + " pages");
        }
    }
}
