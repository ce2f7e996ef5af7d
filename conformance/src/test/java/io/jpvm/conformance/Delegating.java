package io.jpvm.conformance;

import io.jpvm.interpreter.Machine;
import io.jpvm.interpreter.ExitKind;
import java.util.function.LongConsumer;

/** A {@link Machine} that forwards everything to another (tests override what they break). */
class Delegating implements Machine {
    private final Machine vm;

    Delegating(Machine vm) {
        this.vm = vm;
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
    public void resumeAt(long pc) {
        vm.resumeAt(pc);
    }

    @Override
    public void setHeapStart(long heapStart) {
        vm.setHeapStart(heapStart);
    }

    @Override
    public void map(long firstPage, long count, boolean writable) {
        vm.map(firstPage, count, writable);
    }

    @Override
    public boolean setWritable(long page, boolean writable) {
        return vm.setWritable(page, writable);
    }

    @Override
    public boolean isReadable(long address) {
        return vm.isReadable(address);
    }

    @Override
    public boolean isWritable(long address) {
        return vm.isWritable(address);
    }

    @Override
    public void forEachMappedPage(LongConsumer action) {
        vm.forEachMappedPage(action);
    }

    @Override
    public void poke(long address, byte[] data) {
        vm.poke(address, data);
    }

    @Override
    public byte[] peek(long address, int length) {
        return vm.peek(address, length);
    }

    @Override
    public void close() {
        vm.close();
    }
}
