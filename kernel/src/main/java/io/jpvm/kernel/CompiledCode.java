package io.jpvm.kernel;

/**
 * One CODE cap's program, compiled once by an {@link Engine} and shared (read-only) by every VM
 * that runs it, in any invocation.
 */
public interface CompiledCode {
    /**
     * A fresh execution of this code over {@code memory} (made by the same engine's
     * {@link Engine#newMemory}): pc 0 (the next run charges the gas block at pc 0), all 13 registers 0,
     * gas 0, nothing mapped.
     *
     * @throws IllegalArgumentException if {@code memory} comes from another engine
     */
    Execution newExecution(PhysicalMemory memory);
}
