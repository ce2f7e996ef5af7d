package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.RunResult;
import io.jpvm.conformance.VectorEngine;

/** An execution engine as the command line sees it. */
interface Engine {
    /** The name accepted by {@code --engine}. */
    String name();

    /** The engine's w3f vector runner. */
    VectorEngine vectorEngine();

    /**
     * Runs {@code program} at machine level from {@code pc} with {@code gas} (initialisation charges
     * included) after overriding the registers {@code regs[i]} where {@code overridden[i]}.
     */
    RunResult run(LoadedProgram program, long gas, long[] regs, boolean[] overridden, long pc);
}
