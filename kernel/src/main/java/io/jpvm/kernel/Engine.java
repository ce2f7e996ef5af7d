package io.jpvm.kernel;

import io.jpvm.gas.GasModel;
import io.jpvm.isa.Program;
import io.jpvm.kernel.internal.EngineRegistry;
import io.jpvm.kernel.internal.InterpreterEngine;

/**
 * What the kernel needs from an execution engine (interpreter, recompiler): the physical memory of an
 * invocation ({@link #newMemory}), and a CODE cap's program compiled once, from which any number of
 * per-VM {@link Execution}s are created. The kernel knows nothing else about the engine; in particular
 * it drives every VM's memory view through {@link Execution#map}/{@link Execution#unmap} of pages of
 * the invocation's {@link PhysicalMemory}.
 *
 * <p>Implementations must be usable from many threads at once (one invocation per thread), and
 * {@link #compile} must be side-effect free: the kernel compiles each distinct CODE sub-blob once and
 * keeps the result in a cache shared by later invocations (keyed by engine, code hash, profile and
 * memory tier), so {@link CompiledCode} must not hold per-invocation state.
 *
 * <p>Engines other than the interpreter are found with {@link java.util.ServiceLoader}: the recompiler
 * module provides one named {@code recompiler}.
 */
public interface Engine {
    /** A short name for diagnostics and {@link #named} ("interpreter", "recompiler"). */
    String name();

    /**
     * Compiles {@code program} (decoded under the {@code javm} profile) with block costs from
     * {@code gas}. The result is immutable and shared by every VM that runs the code, in any invocation.
     */
    CompiledCode compile(Program program, GasModel gas);

    /**
     * The physical memory of one invocation of at most {@code pageCount} pages; the executions of this
     * engine map its pages. Default: {@link PhysicalMemory#heap}.
     */
    default PhysicalMemory newMemory(long pageCount) {
        return PhysicalMemory.heap(pageCount);
    }

    /** Whether this engine can run on this host (the recompiler needs Linux x86-64 and its fault handler). */
    default boolean isAvailable() {
        return true;
    }

    /** The reference interpreter: portable, always available. */
    static Engine interpreter() {
        return InterpreterEngine.INSTANCE;
    }

    /**
     * The fastest engine available here: the recompiler when its module is present and
     * {@linkplain #isAvailable() available} (Linux x86-64, guest faults handled), else the interpreter.
     */
    static Engine auto() {
        return EngineRegistry.auto();
    }

    /**
     * The engine called {@code name}: {@code interpreter}, {@code auto}, or an installed engine's
     * {@link #name()} (e.g. {@code recompiler}).
     *
     * @throws IllegalArgumentException if no such engine is installed or it cannot run on this host
     */
    static Engine named(String name) {
        return EngineRegistry.named(name);
    }
}
