package io.jpvm.kernel.internal;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.kernel.Execution;

/** An {@link Execution} backed by an {@link Interpreter} and its (lazily allocated) guest memory. */
final class InterpreterExecution implements Execution {
    private final Interpreter vm;
    private final HeapMemory memory;

    InterpreterExecution(Interpreter vm, HeapMemory memory) {
        this.vm = vm;
        this.memory = memory;
    }

    @Override
    public ExitKind run() {
        return vm.run();
    }

    @Override
    public long exitPc() {
        return vm.exitPc();
    }

    @Override
    public long exitArg() {
        return vm.exitArg();
    }

    @Override
    public long reg(int i) {
        return vm.reg(i);
    }

    @Override
    public void setReg(int i, long value) {
        vm.setReg(i, value);
    }

    @Override
    public long gas() {
        return vm.gas();
    }

    @Override
    public void setGas(long gas) {
        vm.setGas(gas);
    }

    @Override
    public long pc() {
        return vm.pc();
    }

    @Override
    public void resumeAt(long pc) {
        vm.resumeAt(pc);
    }

    @Override
    public void setPc(long pc) {
        vm.setPc(pc);
    }

    @Override
    public void map(long pageNumber, long physicalPage, boolean writable) {
        vm.memory().map(pageNumber, memory.page(physicalPage), writable);
    }

    @Override
    public void unmap(long pageNumber) {
        vm.memory().unmap(pageNumber);
    }
}
