package io.jpvm.cli.internal;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.GasSchedule;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.RecompiledProgram;

/**
 * Times the recompiler's compilation of the random program, stage by stage: decoding
 * ({@code Program.of}), the gas schedule, code generation into sealed code memory
 * ({@code RecompiledProgram.compile} of a schedule, and freeing it again), and all of it from the
 * code blob. The stages are timed in separate loops (each on warm data), the total in its own.
 */
final class CompileRun {
    /** Medians, in ns per PVM instruction. */
    record Timed(Profile profile, int instructions, double decode, double gas, double codegen, double total) {}

    private CompileRun() {}

    static Timed time(CodeBlob code, Profile profile, int warmups, int runs) {
        GasModel model = profile == Profile.JAVM ? JavmGasModel.forMemoryPages(0) : Gp072GasModel.INSTANCE;
        Program program = Program.of(code, profile);
        GasSchedule schedule = model.schedule(program);
        int n = program.count();
        double decode = perInstruction(n, warmups, runs, () -> Program.of(code, profile).count());
        double gas = perInstruction(n, warmups, runs, () -> model.schedule(program).program().count());
        double generate = perInstruction(n, warmups, runs, () -> {
            try (RecompiledProgram r = RecompiledProgram.compile(schedule)) {
                return r.codeSize();
            }
        });
        double total = perInstruction(n, warmups, runs, () -> {
            try (RecompiledProgram r = RecompiledProgram.compile(Program.of(code, profile), model)) {
                return r.codeSize();
            }
        });
        return new Timed(profile, n, decode, gas, generate, total);
    }

    private interface Stage {
        int run();
    }

    private static double perInstruction(int instructions, int warmups, int runs, Stage stage) {
        int sink = 0;
        for (int i = 0; i < warmups; i++) {
            sink += stage.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += stage.run();
            nanos[i] = System.nanoTime() - t0;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the work observable
        }
        return Timing.median(nanos) / instructions;
    }
}
