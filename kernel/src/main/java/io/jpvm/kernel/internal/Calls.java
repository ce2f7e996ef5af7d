package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;

/**
 * {@code ecalli} and the control transfers between VMs: REPLY, CALL of a HANDLE/CALLABLE, RESUME,
 * protocol calls, and the dispatch by cap type (RETYPE and CREATE live in {@link Creation}).
 */
final class Calls {
    private final Kernel k;

    Calls(Kernel k) {
        this.k = k;
    }

    /** {@code ecalli imm} of the active VM. */
    KernelResult ecalli(Vm vm, long imm) {
        if (imm > 127) {
            return k.faults.faultAtCall(vm, KernelCodes.STATUS_INVALID_ECALLI, imm);
        }
        if (!k.charge(vm, KernelCodes.CALL_GAS)) {
            return k.faults.outOfGasAtCall(vm);
        }
        if (imm == 0) {
            return reply(vm);
        }
        return invoke(vm, vm.caps.get((int) imm));
    }

    /** ecall CALL (op 0): a local cap as with ecalli (slot 0 included), a remote one only if PROTOCOL. */
    KernelResult callDynamic(Vm vm, int subject) {
        CapTable t = k.refs.table(vm, subject);
        if (t == null) {
            return k.what(vm);
        }
        Cap cap = t.get(CapRefs.slot(subject));
        if (!CapRefs.isLocal(subject)) {
            return cap instanceof ProtocolCap p ? new KernelResult.ProtocolCall(p.id) : k.what(vm);
        }
        return invoke(vm, cap);
    }

    /** CALLs {@code cap} of the active VM's own table. */
    private KernelResult invoke(Vm vm, Cap cap) {
        return switch (cap) {
            case ProtocolCap p -> new KernelResult.ProtocolCall(p.id);
            case UntypedCap u -> k.creation.retype(vm);
            case CodeCap c -> k.creation.create(vm, c);
            case VmCap h -> call(vm, h);
            case DataCap d -> k.what(vm);
            case null -> k.what(vm);
        };
    }

    /** REPLY: back to the caller with φ7 and status 0, or Halt at the root. */
    private KernelResult reply(Vm vm) {
        Execution ex = vm.exec();
        if (k.stack.isEmpty()) {
            return new KernelResult.Halt(ex.reg(7));
        }
        Frame f = k.stack.removeLast();
        Vm caller = f.caller();
        Execution ce = caller.exec();
        vm.state = VmState.IDLE;
        ce.setGas(ce.gas() + ex.gas());
        ex.setGas(0);
        if (f.passSlot() != 0) {
            returnPassedCap(f);
        }
        ce.setReg(7, ex.reg(7));
        ce.setReg(8, KernelCodes.STATUS_OK);
        caller.state = VmState.RUNNING;
        k.active = caller;
        return null;
    }

    /** Whatever the callee has in slot 0 goes back to the caller's slot; the same DATA cap is re-mapped. */
    private void returnPassedCap(Frame f) {
        Vm callee = f.callee();
        Vm caller = f.caller();
        Cap back = callee.caps.get(0);
        if (back == null || caller.caps.get(f.passSlot()) != null) {
            return;
        }
        k.relocate(back, caller.caps, f.passSlot());
        if (back == f.passed() && back instanceof DataCap d && f.passedPages() != null) {
            for (long p : f.passedPages()) {
                if (p < d.pageCount && k.mapper.fits(caller, d, d.base, p, 1)) {
                    k.mapper.map(d, p, 1);
                }
            }
        }
    }

    /** CALL of a HANDLE or CALLABLE. */
    private KernelResult call(Vm vm, VmCap h) {
        Execution ex = vm.exec();
        Vm target = k.arena.get(h.vmId);
        if (target == null || target.state != VmState.IDLE) {
            return k.what(vm);
        }
        int passSlot = (int) (ex.reg(12) & 0xFF);
        Cap pass = passSlot == 0 ? null : vm.caps.get(passSlot);
        if (pass != null && target.caps.get(0) != null) {
            return k.what(vm);
        }
        if (!k.charge(vm, KernelCodes.CALL_OVERHEAD_GAS)) {
            return k.faults.outOfGasAtCall(vm);
        }
        long calleeGas = transfer(ex, h.maxGas);
        long[] pages = null;
        if (pass != null) {
            if (pass instanceof DataCap d) {
                pages = d.mappedPages();
            }
            k.relocate(pass, target.caps, 0);
        }
        Execution te = target.exec();
        for (int r = 7; r <= 10; r++) {
            te.setReg(r, ex.reg(r));
        }
        te.setGas(calleeGas);
        enter(vm, target, new Frame(vm, target, pass == null ? 0 : passSlot, pass, pages));
        return null;
    }

    /** ecall RESUME (op 0x0D): continue a FAULTED VM whose HANDLE is in the caller's own table. */
    KernelResult resume(Vm vm, int subject) {
        if (!CapRefs.isLocal(subject) || !(vm.caps.get(CapRefs.slot(subject)) instanceof HandleCap h)) {
            return k.what(vm);
        }
        Vm target = k.arena.get(h.vmId);
        if (target == null || target.state != VmState.FAULTED) {
            return k.what(vm);
        }
        if (!k.charge(vm, KernelCodes.CALL_OVERHEAD_GAS)) {
            return k.faults.outOfGasAtCall(vm);
        }
        target.exec().setGas(transfer(vm.exec(), h.maxGas));
        enter(vm, target, new Frame(vm, target, 0, null, null));
        return null;
    }

    /** Takes min(gas, maxGas) from the caller for the callee. */
    private static long transfer(Execution caller, long maxGas) {
        long g = caller.gas();
        long moved = Long.compareUnsigned(g, maxGas) <= 0 ? g : maxGas;
        caller.setGas(g - moved);
        return moved;
    }

    private void enter(Vm caller, Vm callee, Frame f) {
        caller.state = VmState.WAITING_FOR_REPLY;
        k.stack.add(f);
        callee.state = VmState.RUNNING;
        k.active = callee;
    }
}
