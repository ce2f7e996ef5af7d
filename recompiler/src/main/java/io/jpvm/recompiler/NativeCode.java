package io.jpvm.recompiler;

import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.PhysicalMemory;
import io.jpvm.recompiler.internal.runtime.NativeMemory;

/** A CODE cap's program translated once; every VM running it, in any invocation, shares the code. */
final class NativeCode implements CompiledCode {
    private final RecompiledProgram program;

    NativeCode(RecompiledProgram program) {
        this.program = program;
    }

    RecompiledProgram program() {
        return program;
    }

    @Override
    public Execution newExecution(PhysicalMemory memory) {
        if (!(memory instanceof NativeMemory nm)) {
            throw new IllegalArgumentException("the recompiler runs on its own memory (RecompilerEngine.newMemory), not "
                    + memory.getClass().getName());
        }
        return new NativeExecution(program, nm);
    }
}
