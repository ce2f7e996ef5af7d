package io.jpvm.kernel.internal;

import io.jpvm.interpreter.GuestMemory;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.kernel.CompiledCode;
import io.jpvm.kernel.Execution;
import io.jpvm.kernel.PhysicalMemory;

/** One decoded program shared by all interpreter executions of a CODE cap. */
final class InterpreterCode implements CompiledCode {
    private final InterpreterProgram program;

    InterpreterCode(InterpreterProgram program) {
        this.program = program;
    }

    @Override
    public Execution newExecution(PhysicalMemory memory) {
        if (!(memory instanceof HeapMemory heap)) {
            throw new IllegalArgumentException("the interpreter runs on heap memory, not " + memory.getClass().getName());
        }
        return new InterpreterExecution(new Interpreter(program, new GuestMemory(false)), heap);
    }
}
