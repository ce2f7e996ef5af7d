package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.RunResult;
import io.jpvm.isa.Profile;

/** Times the reference fib loop on one engine in one profile. */
final class FibRun {
    /** The outcome of a series of timed runs. */
    record Timed(Engine engine, Profile profile, RunResult last, long[] nanos, boolean correct) {
        double medianMs() {
            return Timing.median(nanos) / 1e6;
        }

        double bestMs() {
            return Timing.min(nanos) / 1e6;
        }

        /** Millions of PVM instructions per second at the median time. */
        double mips() {
            return Workloads.fib(profile).loopInstructions() / (Timing.median(nanos) / 1e3);
        }
    }

    private FibRun() {}

    /** {@code warmups} untimed runs, then {@code runs} timed ones (execution time only). */
    static Timed time(Engine engine, Profile profile, int warmups, int runs) {
        ReferenceProgram fib = Workloads.fib(profile);
        LoadedProgram loaded = fib.load();
        for (int i = 0; i < warmups; i++) {
            run(engine, loaded);
        }
        long[] nanos = new long[runs];
        RunResult last = null;
        boolean correct = true;
        for (int i = 0; i < runs; i++) {
            last = run(engine, loaded);
            nanos[i] = last.elapsedNanos();
            correct &= last.result() == fib.expectedResult() && last.status().equals("halt");
        }
        return new Timed(engine, profile, last, nanos, correct);
    }

    private static RunResult run(Engine engine, LoadedProgram loaded) {
        return engine.run(loaded, RunCommand.DEFAULT_GAS, new long[13], new boolean[13], 0);
    }
}
