package io.jpvm.conformance;

import io.jpvm.kernel.Engine;
import io.jpvm.kernel.HostFunction;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;

/**
 * Runs a JAR v2 program on the capability kernel with the built-in host: protocol cap 1 (GAS) sets
 * φ7 to the gas left, every other protocol cap answers WHAT. VM 0 starts at pc 0 with the given
 * registers (φ7 is the embedder's operation argument, e.g. N for fib_recur).
 */
public final class KernelRunner {
    private KernelRunner() {}

    /** Runs {@code p} (a JAR v2 program) on {@code engine} with {@code gas}, after register overrides. */
    public static RunResult run(LoadedProgram p, Engine engine, long gas, long[] regOverrides, boolean[] overridden) {
        // HostFunction.GAS itself (not a wrapper): engines may then answer VM 0's GAS calls inline
        try (Invocation inv = Invocation.builder(p.bytes()).gas(gas).engine(engine).host(1, HostFunction.GAS).build()) {
            return run(inv, gas, regOverrides, overridden);
        }
    }

    private static RunResult run(Invocation inv, long gas, long[] regOverrides, boolean[] overridden) {
        for (int i = 0; i < 13; i++) {
            if (overridden != null && overridden[i]) {
                inv.setActiveReg(i, regOverrides[i]);
            }
        }
        long t0 = System.nanoTime();
        KernelResult r = inv.run();
        while (r instanceof KernelResult.ProtocolCall) {
            inv.resumeProtocolCall(KernelCodes.WHAT, inv.activeReg(8));
            r = inv.run();
        }
        long elapsed = System.nanoTime() - t0;
        String status = switch (r) {
            case KernelResult.Halt h -> "halt";
            case KernelResult.Panic x -> "panic";
            case KernelResult.OutOfGas x -> "out-of-gas";
            case KernelResult.PageFault x -> "page-fault";
            case KernelResult.ProtocolCall x -> "host-call";
        };
        long[] regs = inv.activeRegisters();
        if (r instanceof KernelResult.Halt h) {
            regs[7] = h.value();
        }
        return new RunResult(status, inv.activePc(), regs, gas, inv.activeGas(),
                r instanceof KernelResult.PageFault f ? f.address() : null, null, inv.protocolCalls(), elapsed,
                inv.liveVms(), inv.vmsCreated());
    }

    /** As {@link #run(LoadedProgram, Engine, long, long[], boolean[])} on the interpreter. */
    public static RunResult run(LoadedProgram p, long gas, long[] regOverrides, boolean[] overridden) {
        return run(p, Engine.interpreter(), gas, regOverrides, overridden);
    }
}
