package io.jpvm.interpreter;

import java.util.function.LongConsumer;

/**
 * One machine (registers, pc, gas, a guest address space) on some engine: the run API the reference
 * {@link Interpreter} and the recompiler's native VM both implement, with the same semantics:
 * {@link #run()} continues where the last exit left off. One thread at a time; {@link #close()} frees
 * whatever native resources the engine holds.
 */
public interface Machine extends AutoCloseable {
    /** Runs until the next exit. */
    ExitKind run();

    /** The kind of the last exit, or null before the first run. */
    ExitKind exitKind();

    /** The pc reported with the last exit. */
    long exitPc();

    /** Host call id, page-fault address, or 0. */
    long exitArg();

    /** The pc the next run continues at. */
    long pc();

    long reg(int i);

    void setReg(int i, long value);

    /** A copy of the 13 registers. */
    long[] registers();

    long gas();

    void setGas(long gas);

    /** Starts afresh at {@code pc}: the next run charges the block (or its rest) from there. */
    void setPc(long pc);

    /** Continues at {@code pc} without charging: its block is already paid. */
    void resumeAt(long pc);

    /** gp072 sbrk: the heap start. */
    void setHeapStart(long heapStart);

    /** Maps {@code count} fresh zero pages from {@code firstPage}. */
    void map(long firstPage, long count, boolean writable);

    /** Changes the access of a mapped page; false if it is not mapped. */
    boolean setWritable(long page, boolean writable);

    boolean isReadable(long address);

    boolean isWritable(long address);

    /** Calls {@code action} with every mapped page number in ascending order. */
    void forEachMappedPage(LongConsumer action);

    /** Writes {@code data} at {@code address} ignoring access rights; every byte must be mapped. */
    void poke(long address, byte[] data);

    /** Reads {@code length} bytes at {@code address} ignoring access rights; unmapped bytes read 0. */
    byte[] peek(long address, int length);

    @Override
    void close();
}
