package io.jpvm.cli.internal;

import io.jpvm.conformance.RandomProgram;
import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;

/** Times the interpreter's decode (Program.of + InterpreterProgram.compile) of the random program. */
final class DecodeRun {
    /** Fixed seed so every run decodes the same program. */
    static final long SEED = RandomProgram.DECODE_SEED;

    /** The outcome of a series of timed decodes. */
    record Timed(Profile profile, int instructions, int codeBytes, long[] nanos) {
        double medianMs() {
            return Timing.median(nanos) / 1e6;
        }

        double nsPerInstruction() {
            return Timing.median(nanos) / instructions;
        }
    }

    private DecodeRun() {}

    static Timed time(CodeBlob code, Profile profile, int warmups, int runs) {
        GasModel gas = gasModel(profile);
        long[] nanos = Timing.sample(warmups, runs, () -> decode(code, profile, gas));
        return new Timed(profile, decode(code, profile, gas), code.length(), nanos);
    }

    /** The gas model of {@code profile} for a program without memory (javm: the smallest tier). */
    static GasModel gasModel(Profile profile) {
        return profile == Profile.JAVM ? JavmGasModel.forMemoryPages(0) : Gp072GasModel.INSTANCE;
    }

    private static int decode(CodeBlob code, Profile profile, GasModel gas) {
        return InterpreterProgram.compile(Program.of(code, profile), gas).program().count();
    }
}
