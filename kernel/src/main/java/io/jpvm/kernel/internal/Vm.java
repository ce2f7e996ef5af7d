package io.jpvm.kernel.internal;

import io.jpvm.kernel.Execution;

/**
 * One VM: arena id, state, the CODE it runs, its sparse cap table and, once it is first called or
 * has something mapped, an engine {@link Execution} (registers, pc, gas, address space). A VM that
 * was created but never run holds no execution at all.
 */
final class Vm {
    /** u16 arena index | u16 generation &lt;&lt; 16. */
    final int id;
    final KernelCode code;
    final CapTable caps;
    VmState state = VmState.IDLE;
    private Execution exec;

    Vm(int id, KernelCode code) {
        this.id = id;
        this.code = code;
        this.caps = new CapTable(this);
    }

    int index() {
        return id & 0xFFFF;
    }

    /** The execution, created on first use (pc 0, registers 0, gas 0, nothing mapped). */
    Execution exec() {
        Execution e = exec;
        if (e == null) {
            e = code.newExecution();
            exec = e;
        }
        return e;
    }

    /** Slot 1's original GAS cap has left: the engine must exit on {@code ecalli 1} again. */
    void lostOriginalGas() {
        if (exec != null) {
            exec.setInlineGas(false);
        }
    }

    /** The VM is removed: its execution may free what it holds. */
    void discard() {
        if (exec != null) {
            exec.discard();
        }
    }

    @Override
    public String toString() {
        return "VM" + index() + "/" + (id >>> 16) + " " + state;
    }
}
