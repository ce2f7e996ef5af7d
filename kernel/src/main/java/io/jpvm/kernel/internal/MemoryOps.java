package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelResult;

/** ecall MAP, UNMAP and SPLIT on DATA caps. */
final class MemoryOps {
    private final Kernel k;

    MemoryOps(Kernel k) {
        this.k = k;
    }

    /** True when [first, first + count) is a non-empty range inside a cap of {@code pages} pages. */
    private static boolean inCap(long first, long count, long pages) {
        return count != 0 && Long.compareUnsigned(first, pages) < 0 && Long.compareUnsigned(count, pages - first) <= 0;
    }

    /**
     * MAP: φ7 = base page, φ8 = first page of the cap, φ9 = count (≥ 1), φ10 = access (0 RO, 1 RW).
     * The first MAP fixes base and access; later ones must repeat them. The pages must lie in the
     * cap and the address space, access must not exceed the cap's, and no page may land on a page
     * another cap of the same VM has mapped.
     */
    KernelResult map(Vm vm, int subject) {
        if (!(k.refs.cap(vm, subject) instanceof DataCap d)) {
            return k.what(vm);
        }
        Execution ex = vm.exec();
        long base = ex.reg(7);
        long first = ex.reg(8);
        long count = ex.reg(9);
        long access = ex.reg(10);
        if (access != 0 && access != 1 || access == 1 && !d.mayWrite
                || d.base != DataCap.UNSET && d.base != base || d.access != DataCap.UNSET && d.access != access
                || !inCap(first, count, d.pageCount)
                || Long.compareUnsigned(base, Mapper.ADDRESS_PAGES) >= 0
                || base + first + count > Mapper.ADDRESS_PAGES
                || !k.mapper.fits(d.holder, d, base, first, count)) {
            return k.what(vm);
        }
        d.base = base;
        d.access = (int) access;
        k.mapper.map(d, first, count);
        return null;
    }

    /** UNMAP: φ7 = first page of the cap, φ8 = count; pages not mapped are skipped. */
    KernelResult unmap(Vm vm, int subject) {
        if (!(k.refs.cap(vm, subject) instanceof DataCap d)) {
            return k.what(vm);
        }
        Execution ex = vm.exec();
        long first = ex.reg(7);
        long count = ex.reg(8);
        if (!inCap(first, count, d.pageCount)) {
            return k.what(vm);
        }
        k.mapper.unmap(d, first, count);
        return null;
    }

    /**
     * SPLIT: φ7 = k, 0 &lt; k &lt; pages. The subject (fully unmapped, not a view, no live views) keeps
     * pages [0, k); pages [k, pages) become a new DATA cap in the empty object slot.
     */
    KernelResult split(Vm vm, int subject, int object) {
        if (!(k.refs.cap(vm, subject) instanceof DataCap d) || d.isView() || d.hasChildren() || d.mappedCount() != 0) {
            return k.what(vm);
        }
        long at = vm.exec().reg(7);
        CapTable dst = k.refs.emptyDestination(vm, object);
        if (dst == null || at <= 0 || at >= d.pageCount) {
            return k.what(vm);
        }
        DataCap low = new DataCap(d.physBase, at, d.mayWrite);
        DataCap high = new DataCap(d.physBase + at, d.pageCount - at, d.mayWrite);
        low.base = d.base;
        low.access = d.access;
        high.base = d.base == DataCap.UNSET ? DataCap.UNSET : d.base + at;
        high.access = d.access;
        CapTable home = d.holder.caps;
        int slot = d.slot;
        home.take(slot);
        home.put(slot, low);
        dst.put(CapRefs.slot(object), high);
        return null;
    }
}
