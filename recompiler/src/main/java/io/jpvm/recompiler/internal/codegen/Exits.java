package io.jpvm.recompiler.internal.codegen;

import io.jpvm.recompiler.internal.runtime.ContextLayout;

/**
 * Exit reasons generated code leaves in the context's {@code exitReason} field, with the dense index
 * of the exiting instruction in {@code nextIndex} (except for memory faults, which the Java side
 * attributes through the trap table). The Java side derives pc, argument, gas fix-ups and resume
 * mode from the reason and the index, exactly as the interpreter does.
 */
public final class Exits {
    private Exits() {}

    public static final int HALT = ContextLayout.EXIT_HALT;
    public static final int PANIC = ContextLayout.EXIT_PANIC;
    public static final int TRAP = ContextLayout.EXIT_TRAP;
    /** Not enough gas for the block at {@code nextIndex}; its charge is already subtracted. */
    public static final int OUT_OF_GAS = ContextLayout.EXIT_OUT_OF_GAS;
    public static final int MEMORY_FAULT = ContextLayout.EXIT_MEMORY_FAULT;
    public static final int HOST_CALL = ContextLayout.EXIT_HOST_CALL;
    public static final int ECALL = ContextLayout.EXIT_ECALL;
    /** gp072 {@code sbrk} at {@code nextIndex}: the Java side grows the heap and resumes after it. */
    public static final int SBRK = 8;
}
