package io.jpvm.kernel.internal;

/**
 * DATA: {@code pageCount} physical pages from {@code physBase} of the {@link PageStore}. Page p of
 * the cap appears at address page {@code base + p} of the holder's address space while its mapped bit
 * is set. The base and the access are fixed by the first MAP (the manifest fixes them for VM 0's
 * caps); the access can never exceed {@code mayWrite}. A cap with a parent is a view made by GRANT:
 * it shares its source's physical pages. Move-only.
 */
final class DataCap extends Cap {
    static final int UNSET = -1;

    final long physBase;
    final long pageCount;
    /** Whether RW access is allowed at all (a view GRANTed RO, or a manifest RO cap: false). */
    final boolean mayWrite;
    /** Address page of cap page 0 once fixed, else {@link #UNSET}. */
    long base = UNSET;
    /** 0 RO, 1 RW once fixed, else {@link #UNSET}. */
    int access = UNSET;
    private long[] mapped;
    private long mappedCount;

    DataCap(long physBase, long pageCount, boolean mayWrite) {
        this.physBase = physBase;
        this.pageCount = pageCount;
        this.mayWrite = mayWrite;
    }

    boolean isView() {
        return parent != null;
    }

    /** The access a GRANT from this cap may give at most: the fixed access, else the ceiling. */
    boolean effectiveWritable() {
        return access == UNSET ? mayWrite : access == 1;
    }

    boolean isMapped(long page) {
        return mapped != null && (mapped[(int) (page >>> 6)] & (1L << page)) != 0;
    }

    void setMapped(long page, boolean on) {
        if (on == isMapped(page)) {
            return;
        }
        if (mapped == null) {
            mapped = new long[(int) ((pageCount + 63) >>> 6)];
        }
        if (on) {
            mapped[(int) (page >>> 6)] |= 1L << page;
            mappedCount++;
        } else {
            mapped[(int) (page >>> 6)] &= ~(1L << page);
            mappedCount--;
        }
    }

    long mappedCount() {
        return mappedCount;
    }

    /** The indices of the mapped pages, ascending. */
    long[] mappedPages() {
        long[] out = new long[(int) mappedCount];
        int n = 0;
        for (long p = 0; p < pageCount && n < out.length; p++) {
            if (isMapped(p)) {
                out[n++] = p;
            }
        }
        return out;
    }

    @Override
    boolean copyable() {
        return false;
    }

    @Override
    Cap duplicate() {
        throw new UnsupportedOperationException("DATA caps cannot be copied");
    }

    @Override
    String typeName() {
        return isView() ? "DATA(view)" : "DATA";
    }
}
