package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;

/**
 * Exits without REPLY. A child becomes FAULTED, its gas goes back to its caller, and the caller
 * continues with φ8 = status and φ7 = aux (javm-reference §3.4; the IPC cap it was passed stays in
 * its slot 0). The root's faults end the invocation. A fault raised by the kernel at an
 * {@code ecalli}/{@code ecall} (invalid immediate, gas for the call) first points the VM back at
 * that instruction, so that RESUME re-executes it like any other faulting instruction.
 */
final class Faults {
    private final Kernel k;

    Faults(Kernel k) {
        this.k = k;
    }

    /** Reports a fault of the active VM {@code vm}; null if a caller continues. */
    KernelResult fault(Vm vm, int status, long aux) {
        if (k.stack.isEmpty()) {
            return switch (status) {
                case KernelCodes.STATUS_OUT_OF_GAS -> new KernelResult.OutOfGas();
                case KernelCodes.STATUS_PAGE_FAULT -> new KernelResult.PageFault(aux);
                default -> new KernelResult.Panic();
            };
        }
        Frame f = k.stack.removeLast();
        Vm caller = f.caller();
        Execution callee = vm.exec();
        Execution ce = caller.exec();
        ce.setGas(ce.gas() + callee.gas());
        callee.setGas(0);
        vm.state = VmState.FAULTED;
        ce.setReg(8, status);
        ce.setReg(7, aux);
        caller.state = VmState.RUNNING;
        k.active = caller;
        return null;
    }

    /** A kernel-detected fault at the ecalli/ecall {@code vm} just exited with. */
    KernelResult faultAtCall(Vm vm, int status, long aux) {
        Execution ex = vm.exec();
        ex.resumeAt(vm.code.previousPc(ex.exitPc()));
        return fault(vm, status, aux);
    }

    /** Not enough gas for the ecalli/ecall (or its extra charge): gas 0, status 3. */
    KernelResult outOfGasAtCall(Vm vm) {
        vm.exec().setGas(0);
        return faultAtCall(vm, KernelCodes.STATUS_OUT_OF_GAS, KernelCodes.LOW);
    }
}
