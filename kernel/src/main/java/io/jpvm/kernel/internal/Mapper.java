package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;

/**
 * Keeps DATA caps' mapped bits and the holders' engine address spaces in step: mapping page p of a
 * cap maps physical page {@code physBase + p} at address page {@code base + p} of the VM holding the cap.
 */
final class Mapper {
    /** Address pages (4 GiB / 4096). */
    static final long ADDRESS_PAGES = 1L << 20;

    private final PageStore store;

    Mapper(PageStore store) {
        this.store = store;
    }

    /**
     * Whether pages [first, first + count) of {@code d} placed at {@code base} would land only on
     * address pages that no other cap of {@code vm} has mapped.
     */
    boolean fits(Vm vm, DataCap d, long base, long first, long count) {
        long lo = base + first;
        long hi = lo + count;
        CapTable t = vm.caps;
        for (int i = 0; i < t.size(); i++) {
            if (t.capAt(i) instanceof DataCap o && o != d && o.mappedCount() > 0) {
                long from = Math.max(lo, o.base);
                long to = Math.min(hi, o.base + o.pageCount);
                for (long a = from; a < to; a++) {
                    if (o.isMapped(a - o.base)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Maps pages [first, first + count) of {@code d} (base and access fixed) into its holder. */
    void map(DataCap d, long first, long count) {
        Execution ex = d.holder.exec();
        boolean writable = d.access == 1;
        for (long p = first; p < first + count; p++) {
            if (!d.isMapped(p)) {
                store.touch(d.physBase + p);
                ex.map(d.base + p, d.physBase + p, writable);
                d.setMapped(p, true);
            }
        }
    }

    /** Unmaps pages [first, first + count) of {@code d} from its holder (unmapped pages are skipped). */
    void unmap(DataCap d, long first, long count) {
        if (d.mappedCount() == 0) {
            return;
        }
        Execution ex = d.holder.exec();
        for (long p = first; p < first + count && d.mappedCount() > 0; p++) {
            if (d.isMapped(p)) {
                ex.unmap(d.base + p);
                d.setMapped(p, false);
            }
        }
    }

    /** Unmaps every mapped page of {@code d}. */
    void unmapAll(DataCap d) {
        unmap(d, 0, d.pageCount);
    }

    /** The physical page behind address page {@code page} of {@code vm}, or null if it is not mapped. */
    DataCap capAt(Vm vm, long page) {
        CapTable t = vm.caps;
        for (int i = 0; i < t.size(); i++) {
            if (t.capAt(i) instanceof DataCap d && d.mappedCount() > 0 && page >= d.base
                    && page < d.base + d.pageCount && d.isMapped(page - d.base)) {
                return d;
            }
        }
        return null;
    }
}
