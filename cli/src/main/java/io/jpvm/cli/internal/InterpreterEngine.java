package io.jpvm.cli.internal;

import io.jpvm.conformance.InterpreterVectorEngine;
import io.jpvm.conformance.KernelRunner;
import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.conformance.MachineRunner;
import io.jpvm.conformance.RunResult;
import io.jpvm.conformance.VectorEngine;

/** The reference interpreter. */
final class InterpreterEngine implements Engine {
    @Override
    public String name() {
        return "interpreter";
    }

    @Override
    public MachineEngine machine() {
        return MachineEngine.INTERPRETER;
    }

    @Override
    public boolean runsKernelPrograms() {
        return true;
    }

    @Override
    public VectorEngine vectorEngine() {
        return new InterpreterVectorEngine();
    }

    @Override
    public RunResult run(LoadedProgram program, long gas, long[] regs, boolean[] overridden, long pc) {
        if (program.runsOnKernel()) {
            return KernelRunner.run(program, gas, regs, overridden);
        }
        return MachineRunner.run(program, MachineEngine.INTERPRETER, gas, regs, overridden, pc);
    }
}
