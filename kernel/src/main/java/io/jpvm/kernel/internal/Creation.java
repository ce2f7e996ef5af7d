package io.jpvm.kernel.internal;

import io.jpvm.gas.JavmGasModel;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelResult;

/** CALLs that make new things: RETYPE (UNTYPED → DATA) and CREATE (CODE → VM + HANDLE). */
final class Creation {
    /** RETYPE's charge on top of the ecalli's 10, besides 1500 per page. */
    static final long RETYPE_GAS = 10;

    private final Kernel k;

    Creation(Kernel k) {
        this.k = k;
    }

    /**
     * RETYPE: φ7 = pages, φ12 (low 32 bits) = destination cap ref (must be empty). Costs 10 + 1500 per
     * page more; makes an unmapped RW-capable DATA cap; φ7 := destination slot.
     */
    KernelResult retype(Vm vm) {
        Execution ex = vm.exec();
        long n = ex.reg(7);
        int ref = (int) ex.reg(12);
        CapTable dst = k.refs.emptyDestination(vm, ref);
        if (dst == null || n == 0 || Long.compareUnsigned(n, k.store.remaining()) > 0) {
            return k.what(vm);
        }
        if (!k.charge(vm, RETYPE_GAS + JavmGasModel.GAS_PER_PAGE * n)) {
            return k.faults.outOfGasAtCall(vm);
        }
        int slot = CapRefs.slot(ref);
        dst.put(slot, new DataCap(k.store.carve(n), n, true));
        ex.setReg(7, slot);
        return null;
    }

    /**
     * CREATE: a new idle VM running {@code code}, whose table receives copies of the slots 0..63 of
     * the table holding {@code code} selected by the bitmask φ7 (empty selected slots are skipped; a
     * selected cap that cannot be copied → WHAT). Its HANDLE (no gas limit) goes to the empty slot
     * named by φ12; φ7 := that slot.
     */
    KernelResult create(Vm vm, CodeCap code) {
        Execution ex = vm.exec();
        long mask = ex.reg(7);
        int ref = (int) ex.reg(12);
        CapTable dst = k.refs.emptyDestination(vm, ref);
        if (dst == null) {
            return k.what(vm);
        }
        CapTable src = code.holder.caps;
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                Cap c = src.get(i);
                if (c != null && !c.copyable()) {
                    return k.what(vm);
                }
            }
        }
        Vm child = k.arena.allocate(code.code);
        if (child == null) {
            return k.what(vm);
        }
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                Cap c = src.get(i);
                if (c != null) {
                    child.caps.put(i, k.copyOf(c));
                }
            }
        }
        int slot = CapRefs.slot(ref);
        dst.put(slot, new HandleCap(child.id, VmCap.NO_LIMIT));
        ex.setReg(7, slot);
        return null;
    }
}
