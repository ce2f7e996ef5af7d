package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;

/**
 * {@code ecall}: charges 10 gas, reads the op from φ11 and the cap refs from φ12 (subject = high 32
 * bits, object = low 32 bits) and dispatches. Every failure answers WHAT in φ7 and changes nothing.
 * DIRTY (0x0C) is not implemented and answers WHAT, like unknown ops.
 */
final class Ecalls {
    private final Kernel k;
    private final MemoryOps memory;
    private final TableOps table;
    private final Derivations derivations;

    Ecalls(Kernel k) {
        this.k = k;
        this.memory = new MemoryOps(k);
        this.table = new TableOps(k);
        this.derivations = new Derivations(k);
    }

    KernelResult dispatch(Vm vm) {
        if (!k.charge(vm, KernelCodes.CALL_GAS)) {
            return k.faults.outOfGasAtCall(vm);
        }
        Execution ex = vm.exec();
        long op = ex.reg(11);
        long refs = ex.reg(12);
        int subject = (int) (refs >>> 32);
        int object = (int) refs;
        if (op < 0 || op > KernelCodes.OP_RESUME) {
            return k.what(vm);
        }
        return switch ((int) op) {
            case KernelCodes.OP_CALL -> k.calls.callDynamic(vm, subject);
            case KernelCodes.OP_MAP -> memory.map(vm, subject);
            case KernelCodes.OP_UNMAP -> memory.unmap(vm, subject);
            case KernelCodes.OP_SPLIT -> memory.split(vm, subject, object);
            case KernelCodes.OP_DROP -> table.drop(vm, subject);
            case KernelCodes.OP_MOVE -> table.move(vm, subject, object);
            case KernelCodes.OP_COPY -> table.copy(vm, subject, object);
            case KernelCodes.OP_GRANT -> derivations.grant(vm, subject, object);
            case KernelCodes.OP_REVOKE -> derivations.revoke(vm, subject);
            case KernelCodes.OP_DOWNGRADE -> table.downgrade(vm, subject, object);
            case KernelCodes.OP_SET_MAX_GAS -> table.setMaxGas(vm, subject);
            case KernelCodes.OP_RESUME -> k.calls.resume(vm, subject);
            default -> k.what(vm);
        };
    }
}
