package io.jpvm.cli.internal;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.RunResult;

/** Times a reference program on one engine the way {@code jpvm run} runs it (execution time only). */
final class ProgramRun {
    /** The outcome of a series of timed runs. */
    record Timed(Engine engine, ReferenceProgram program, RunResult last, long[] nanos, boolean correct) {
        double medianMs() {
            return Timing.median(nanos) / 1e6;
        }

        double bestMs() {
            return Timing.min(nanos) / 1e6;
        }

        /** Millions of PVM instructions per second of the program's main loop at the median time. */
        double mips() {
            return program.loopInstructions() / (Timing.median(nanos) / 1e3);
        }
    }

    private ProgramRun() {}

    /** {@code warmups} untimed runs, then {@code runs} timed ones. */
    static Timed time(Engine engine, ReferenceProgram program, int warmups, int runs) {
        LoadedProgram loaded = program.load();
        for (int i = 0; i < warmups; i++) {
            run(engine, program, loaded);
        }
        long[] nanos = new long[runs];
        RunResult last = null;
        boolean correct = true;
        for (int i = 0; i < runs; i++) {
            last = run(engine, program, loaded);
            nanos[i] = last.elapsedNanos();
            correct &= last.result() == program.expectedResult() && last.status().equals("halt")
                    && last.vmsLive() == program.expectedVms();
        }
        return new Timed(engine, program, last, nanos, correct);
    }

    private static RunResult run(Engine engine, ReferenceProgram program, LoadedProgram loaded) {
        long[] regs = new long[13];
        boolean[] set = new boolean[13];
        regs[7] = program.argument();
        set[7] = true;
        return engine.run(loaded, RunCommand.DEFAULT_GAS, regs, set, 0);
    }
}
