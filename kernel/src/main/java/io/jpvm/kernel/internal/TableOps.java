package io.jpvm.kernel.internal;

import io.jpvm.kernel.KernelResult;

/** ecall DROP, MOVE, COPY, DOWNGRADE and SET_MAX_GAS. */
final class TableOps {
    private final Kernel k;

    TableOps(Kernel k) {
        this.k = k;
    }

    /**
     * DROP: descendants are revoked, a DATA cap is unmapped, a HANDLE's VM is removed with all its
     * caps. Refused (WHAT) if that would remove a RUNNING or WAITING_FOR_REPLY VM.
     */
    KernelResult drop(Vm vm, int subject) {
        Cap cap = k.refs.cap(vm, subject);
        if (cap == null || !k.removal.canDrop(cap)) {
            return k.what(vm);
        }
        k.removal.drop(cap);
        return null;
    }

    /** MOVE to an empty slot; derivation links stay; a DATA cap moving to another VM is unmapped. */
    KernelResult move(Vm vm, int subject, int object) {
        Cap cap = k.refs.cap(vm, subject);
        CapTable dst = k.refs.emptyDestination(vm, object);
        if (cap == null || dst == null) {
            return k.what(vm);
        }
        k.relocate(cap, dst, CapRefs.slot(object));
        return null;
    }

    /** COPY of UNTYPED, CODE, CALLABLE or PROTOCOL to an empty slot. */
    KernelResult copy(Vm vm, int subject, int object) {
        Cap cap = k.refs.cap(vm, subject);
        CapTable dst = k.refs.emptyDestination(vm, object);
        if (cap == null || !cap.copyable() || dst == null) {
            return k.what(vm);
        }
        dst.put(CapRefs.slot(object), k.copyOf(cap));
        return null;
    }

    /** DOWNGRADE: a CALLABLE for the HANDLE's VM (same max gas) in an empty slot. */
    KernelResult downgrade(Vm vm, int subject, int object) {
        CapTable dst = k.refs.emptyDestination(vm, object);
        if (!(k.refs.cap(vm, subject) instanceof HandleCap h) || dst == null) {
            return k.what(vm);
        }
        dst.put(CapRefs.slot(object), new CallableCap(h.vmId, h.maxGas));
        return null;
    }

    /** SET_MAX_GAS: φ7 = the gas limit of later CALLs through this HANDLE (and later DOWNGRADEs). */
    KernelResult setMaxGas(Vm vm, int subject) {
        if (!(k.refs.cap(vm, subject) instanceof HandleCap h)) {
            return k.what(vm);
        }
        h.maxGas = vm.exec().reg(7);
        return null;
    }
}
