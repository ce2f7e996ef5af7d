package io.jpvm.cli.internal;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.GasSchedule;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.RecompiledProgram;
import java.util.function.IntSupplier;

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
        GasModel model = DecodeRun.gasModel(profile);
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

    private static double perInstruction(int instructions, int warmups, int runs, IntSupplier stage) {
        return Timing.median(Timing.sample(warmups, runs, stage)) / instructions;
    }
}
