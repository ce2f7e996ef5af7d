package io.jpvm.kernel.internal;

import io.jpvm.kernel.PhysicalMemory;

/**
 * The physical pages of one invocation as the kernel sees them: the UNTYPED pool of
 * {@code memory_pages} pages of the engine's {@link PhysicalMemory}, handed out by a bump pointer
 * (manifest DATA caps first, then RETYPE), and the count of pages in use (written by the host or
 * mapped by a VM at least once), which is the same whatever the engine.
 */
final class PageStore {
    public static final int PAGE_SIZE = PhysicalMemory.PAGE_SIZE;
    private static final int CHUNK_BITS = 16;

    private final PhysicalMemory memory;
    private long next;
    /** One bit per page used, in lazily created chunks of 2^16 pages. */
    private long[][] used = new long[0][];
    private long usedCount;

    PageStore(PhysicalMemory memory) {
        this.memory = memory;
    }

    PhysicalMemory memory() {
        return memory;
    }

    long totalPages() {
        return memory.pageCount();
    }

    /** Pages not yet carved. */
    long remaining() {
        return memory.pageCount() - next;
    }

    /** Carves {@code n} pages (n ≤ remaining) and returns the first physical page number. */
    long carve(long n) {
        if (n < 0 || n > remaining()) {
            throw new IllegalArgumentException("cannot carve " + n + " pages, " + remaining() + " left");
        }
        long first = next;
        next += n;
        return first;
    }

    private void checkCarved(long phys) {
        if (phys < 0 || phys >= next) {
            throw new IllegalArgumentException("physical page " + phys + " was never carved");
        }
    }

    /** Records that physical page {@code phys} (carved) is in use: it is about to be mapped or written. */
    void touch(long phys) {
        checkCarved(phys);
        int hi = (int) (phys >>> CHUNK_BITS);
        if (hi >= used.length) {
            long[][] grown = new long[Math.max(hi + 1, used.length * 2)][];
            System.arraycopy(used, 0, grown, 0, used.length);
            used = grown;
        }
        long[] chunk = used[hi];
        if (chunk == null) {
            chunk = new long[1 << (CHUNK_BITS - 6)];
            used[hi] = chunk;
        }
        int bit = (int) (phys & ((1 << CHUNK_BITS) - 1));
        long mask = 1L << bit;
        if ((chunk[bit >>> 6] & mask) == 0) {
            chunk[bit >>> 6] |= mask;
            usedCount++;
        }
    }

    /** {@code length} bytes of physical page {@code phys} from byte {@code offset} into {@code dst}. */
    void read(long phys, int offset, byte[] dst, int dstOffset, int length) {
        checkCarved(phys);
        memory.read(phys, offset, dst, dstOffset, length);
    }

    /** Writes {@code length} bytes of {@code src} into physical page {@code phys} at {@code offset}. */
    void write(long phys, int offset, byte[] src, int srcOffset, int length) {
        touch(phys);
        memory.write(phys, offset, src, srcOffset, length);
    }

    /** Pages used so far (memory actually touched). */
    long materializedPages() {
        return usedCount;
    }
}
