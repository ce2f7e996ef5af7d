package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;

/** ecall GRANT and REVOKE: the derivation tree (shared/spec/README.md, "GRANT and REVOKE"). */
final class Derivations {
    private final Kernel k;

    Derivations(Kernel k) {
        this.k = k;
    }

    /**
     * GRANT the subject to the empty object slot as a derived cap. DATA: a view of the same physical
     * pages with access φ7 (0 RO, 1 RW; at most the source's), unmapped, base chosen by its holder's
     * MAP. CODE, CALLABLE, PROTOCOL: a revocable copy. UNTYPED, HANDLE, empty: WHAT.
     */
    KernelResult grant(Vm vm, int subject, int object) {
        Cap src = k.refs.cap(vm, subject);
        CapTable dst = k.refs.emptyDestination(vm, object);
        if (src == null || dst == null) {
            return k.what(vm);
        }
        Cap derived;
        switch (src) {
            case DataCap d -> {
                long access = vm.exec().reg(7);
                if (access != 0 && access != 1 || access == 1 && !d.effectiveWritable()) {
                    return k.what(vm);
                }
                derived = new DataCap(d.physBase, d.pageCount, access == 1);
            }
            case CodeCap c -> derived = c.duplicate();
            case CallableCap c -> derived = c.duplicate();
            case ProtocolCap p -> derived = p.duplicate();
            default -> {
                return k.what(vm);
            }
        }
        src.adopt(derived);
        dst.put(CapRefs.slot(object), derived);
        return null;
    }

    /**
     * REVOKE: every cap derived from the subject, transitively, is removed from its table (views are
     * unmapped first); the subject stays. φ7 := the number removed. Costs 10 more gas per removed cap;
     * if that is not payable the VM runs out of gas and nothing is removed.
     */
    KernelResult revoke(Vm vm, int subject) {
        Cap cap = k.refs.cap(vm, subject);
        if (cap == null) {
            return k.what(vm);
        }
        int n = Removal.descendants(cap).size();
        if (!k.charge(vm, KernelCodes.REVOKE_GAS_PER_CAP * n)) {
            return k.faults.outOfGasAtCall(vm);
        }
        k.removal.revokeDescendants(cap);
        Execution ex = vm.exec();
        ex.setReg(7, n);
        return null;
    }
}
