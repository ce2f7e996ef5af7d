package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.MachineEngine;
import io.jpvm.conformance.RunResult;
import io.jpvm.conformance.VectorEngine;

/** An execution engine as the command line sees it. */
interface Engine {
    /** The name accepted by {@code --engine}. */
    String name();

    /** The engine's machine-level runner. */
    MachineEngine machine();

    /** Whether it can run on this host. */
    default boolean available() {
        return machine().available();
    }

    /** Why it cannot run here (one line), or null. */
    default String unavailableReason() {
        return machine().unavailableReason();
    }

    /** Whether it runs JAR v2 programs on the capability kernel (else at machine level). */
    boolean runsKernelPrograms();

    /** The engine's w3f vector runner. */
    VectorEngine vectorEngine();

    /**
     * Runs {@code program} the way {@code jpvm run} does (JAR v2 on the kernel when this engine can,
     * else at machine level from {@code pc}) with {@code gas} (initialisation charges included) after
     * overriding the registers {@code regs[i]} where {@code overridden[i]}.
     */
    RunResult run(LoadedProgram program, long gas, long[] regs, boolean[] overridden, long pc);
}
