package io.jpvm.cli.internal;

import io.jpvm.conformance.KernelEngines;
import io.jpvm.conformance.KernelRunner;
import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.conformance.MachineRunner;
import io.jpvm.conformance.RecompilerVectorEngine;
import io.jpvm.conformance.RunResult;
import io.jpvm.conformance.VectorEngine;
import java.util.Optional;

/**
 * The x86-64 recompiler. JAR v2 programs run on the capability kernel with the recompiler's kernel
 * engine when the build has one ({@link KernelEngines#recompiler()}); until then at machine level
 * ({@link MachineRunner}: the invoke CODE cap on one machine, protocol caps answered, other kernel
 * calls stop the run).
 */
final class RecompilerEngine implements Engine {
    @Override
    public String name() {
        return "recompiler";
    }

    @Override
    public MachineEngine machine() {
        return MachineEngine.RECOMPILER;
    }

    @Override
    public boolean runsKernelPrograms() {
        return KernelEngines.recompiler().isPresent();
    }

    @Override
    public VectorEngine vectorEngine() {
        return new RecompilerVectorEngine();
    }

    @Override
    public RunResult run(LoadedProgram program, long gas, long[] regs, boolean[] overridden, long pc) {
        Optional<io.jpvm.kernel.Engine> kernel = KernelEngines.recompiler();
        if (program.runsOnKernel() && kernel.isPresent()) {
            return KernelRunner.run(program, kernel.get(), gas, regs, overridden);
        }
        return MachineRunner.run(program, MachineEngine.RECOMPILER, gas, regs, overridden, pc);
    }
}
