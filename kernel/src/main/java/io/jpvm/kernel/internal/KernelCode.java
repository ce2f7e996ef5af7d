package io.jpvm.kernel.internal;

import io.jpvm.isa.Program;
import io.jpvm.kernel.CompiledCode;

/**
 * A CODE cap's program, decoded and compiled once per invocation and shared by every copy of the cap
 * and every VM created from it.
 */
final class KernelCode {
    final int id;
    final Program program;
    final CompiledCode compiled;

    KernelCode(int id, Program program, CompiledCode compiled) {
        this.id = id;
        this.program = program;
        this.compiled = compiled;
    }

    /** The pc of the instruction before the one at {@code nextPc} (the ecalli/ecall that just exited). */
    long previousPc(long nextPc) {
        int i = program.indexOf(nextPc);
        return i > 0 ? program.pcOf(i - 1) : 0;
    }
}
