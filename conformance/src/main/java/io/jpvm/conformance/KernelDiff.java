package io.jpvm.conformance;

import java.util.Optional;

/**
 * {@code jpvm diff} of a JAR v2 program on the capability kernel: the same invocation on the
 * interpreter's and the recompiler's kernel engines, final results compared (an invocation runs to
 * its end or to a protocol call; it cannot be stepped block by block from outside).
 */
public final class KernelDiff {
    /** Both runs. */
    public record Result(RunResult interpreter, RunResult recompiler) {}

    private KernelDiff() {}

    /** Whether this build and host can run the comparison (a recompiler kernel engine exists and runs here). */
    public static boolean available() {
        return KernelEngines.recompiler().isPresent();
    }

    public static Result run(LoadedProgram p, long gas, long[] regs, boolean[] set) {
        Optional<io.jpvm.kernel.Engine> engine = KernelEngines.recompiler();
        if (engine.isEmpty()) {
            throw new UnsupportedOperationException("this build has no recompiler kernel engine");
        }
        return new Result(KernelRunner.run(p, gas, regs, set), KernelRunner.run(p, engine.get(), gas, regs, set));
    }
}
