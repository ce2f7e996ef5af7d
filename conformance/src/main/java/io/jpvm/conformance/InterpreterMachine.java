package io.jpvm.conformance;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import java.util.function.LongConsumer;

/** {@link MachineVm} over the reference interpreter and a {@link GuestMemory}. */
final class InterpreterMachine implements MachineVm {
    private final Interpreter vm;
    private final GuestMemory mem;

    InterpreterMachine(InterpreterProgram program, GuestMemory memory) {
        this.mem = memory;
        this.vm = new Interpreter(program, memory);
    }

    @Override
    public MachineEngine engine() {
        return MachineEngine.INTERPRETER;
    }

    @Override
    public ExitKind run() {
        return vm.run();
    }

    @Override
    public ExitKind exitKind() {
        return vm.exitKind();
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
    public long pc() {
        return vm.pc();
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
    public long[] registers() {
        return vm.registers();
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
    public void setPc(long pc) {
        vm.setPc(pc);
    }

    @Override
    public void setHeapStart(long heapStart) {
        vm.setHeapStart(heapStart);
    }

    @Override
    public void map(long firstPage, long count, boolean writable) {
        mem.mapZero(firstPage, count, writable);
    }

    @Override
    public boolean setWritable(long page, boolean writable) {
        return mem.setWritable(page, writable);
    }

    @Override
    public boolean isReadable(long address) {
        return mem.isReadable(address);
    }

    @Override
    public boolean isWritable(long address) {
        return mem.isWritable(address);
    }

    @Override
    public void forEachMappedPage(LongConsumer action) {
        mem.forEachMappedPage(action);
    }

    @Override
    public void poke(long address, byte[] data) {
        mem.poke(address, data);
    }

    @Override
    public byte[] page(long page) {
        byte[] p = mem.page(page);
        return p != null ? p : new byte[GuestMemory.PAGE_SIZE];
    }

    @Override
    public void close() {
        // nothing native
    }
}
