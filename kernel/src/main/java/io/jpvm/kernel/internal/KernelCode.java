package io.jpvm.kernel.internal;

import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.PhysicalMemory;

/**
 * A CODE cap's program in one invocation, decoded and compiled once (or taken from the
 * {@link CodeCache}) and shared by every copy of the cap and every VM created from it.
 */
final class KernelCode {
    final int id;
    final Program program;
    final CompiledCode compiled;
    private final PhysicalMemory memory;

    KernelCode(int id, Program program, CompiledCode compiled, PhysicalMemory memory) {
        this.id = id;
        this.program = program;
        this.compiled = compiled;
        this.memory = memory;
    }

    /** A fresh execution over the invocation's memory. */
    Execution newExecution() {
        return compiled.newExecution(memory);
    }

    /** The pc of the instruction before the one at {@code nextPc} (the ecalli/ecall that just exited). */
    long previousPc(long nextPc) {
        int i = program.indexOf(nextPc);
        return i > 0 ? program.pcOf(i - 1) : 0;
    }
}
