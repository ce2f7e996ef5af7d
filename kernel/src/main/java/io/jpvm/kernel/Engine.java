package io.jpvm.kernel;

import io.jpvm.gas.GasModel;
import io.jpvm.isa.Program;
import io.jpvm.kernel.internal.InterpreterEngine;

/**
 * What the kernel needs from an execution engine (interpreter, recompiler): compile a CODE cap's
 * program once, then create any number of per-VM {@link Execution}s from it. The kernel knows nothing
 * else about the engine; in particular it drives every VM's memory view through
 * {@link Execution#map}/{@link Execution#unmap} of physical pages that it owns.
 *
 * <p>Implementations must be usable from many threads at once (one invocation per thread), and
 * {@link #compile} must be side-effect free: the kernel calls it once per distinct CODE cap of an
 * invocation.
 */
public interface Engine {
    /** A short name for diagnostics ("interpreter", "recompiler"). */
    String name();

    /**
     * Compiles {@code program} (decoded under the {@code javm} profile) with block costs from
     * {@code gas}. The result is immutable and shared by every VM that runs the code.
     */
    CompiledCode compile(Program program, GasModel gas);

    /** The reference interpreter. */
    static Engine interpreter() {
        return InterpreterEngine.INSTANCE;
    }
}
