package io.jpvm.kernel;

import io.jpvm.interpreter.ExitKind;

/**
 * One VM's machine state inside an engine: 13 registers, pc, gas and an address space that maps
 * 4096-byte pages of the invocation's {@link PhysicalMemory}. Several executions may map the same
 * physical page; a write through any writable mapping must be visible through every other mapping
 * and to {@link PhysicalMemory#read} at once (no copies, no write-back).
 *
 * <p>Run semantics (profile {@code javm}, identical for every engine): {@link #run()} executes until
 * an exit and returns its kind. Calling {@code run()} again continues: after {@code HOST_CALL}
 * ({@code ecalli}) or {@code ECALL} at the next instruction, charging the next gas block; after
 * {@code PAGE_FAULT} by re-executing the faulting instruction (its block is already paid); after
 * {@code OUT_OF_GAS} by retrying the block charge; after {@code TRAP}/{@code PANIC} by re-executing
 * the instruction that stopped. An execution is used by one thread at a time.
 */
public interface Execution {
    /** Runs until the next exit. */
    ExitKind run();

    /** The pc reported for the last exit ({@code HOST_CALL}/{@code ECALL}: the next instruction). */
    long exitPc();

    /** {@code HOST_CALL}: the ecalli immediate mod 2^32; {@code PAGE_FAULT}: the page-aligned address. */
    long exitArg();

    /** Register φi, 0 ≤ i ≤ 12. */
    long reg(int i);

    void setReg(int i, long value);

    /** Gas left (never negative in the javm profile). */
    long gas();

    void setGas(long gas);

    /** The pc the next run continues at. */
    long pc();

    /**
     * Restarts at {@code pc}: the next run charges the cost of the rest of the gas block from
     * {@code pc}, as for a fresh start.
     */
    void setPc(long pc);

    /**
     * Continues at {@code pc} without charging gas (its block is already paid): re-executes an
     * instruction the kernel reported a fault at, as a page-fault retry does.
     */
    void resumeAt(long pc);

    /**
     * Maps physical page {@code physicalPage} of the execution's memory (possibly mapped elsewhere too)
     * at address page {@code pageNumber}, read-only or read-write.
     */
    void map(long pageNumber, long physicalPage, boolean writable);

    /** Makes page number {@code pageNumber} inaccessible (a no-op if it is not mapped). */
    void unmap(long pageNumber);

    /**
     * While {@code on}, the engine may answer {@code ecalli 1} itself, exactly as the kernel with
     * {@code HostFunction.GAS} would: after the ecalli's block, 10 more gas (if fewer than 10 are left
     * it exits {@code HOST_CALL} as usual and the kernel runs out of gas), φ7 := the gas left, and on at
     * the next gas block, charging it. The kernel turns it on only for the VM whose slot 1 holds the
     * original GAS protocol cap, when the embedder answers protocol 1 with {@code HostFunction.GAS}.
     * Engines that do not inline ignore it (default).
     */
    default void setInlineGas(boolean on) {}

    /** How many {@code ecalli 1} this execution has answered itself (see {@link #setInlineGas}). */
    default long inlineGasCalls() {
        return 0;
    }

    /** The VM is gone: the engine may free what the execution holds. It is never used again. */
    default void discard() {}
}
