package io.jpvm.bench;

import io.jpvm.gas.GasModel;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.interpreter.InterpreterProgram;
import io.jpvm.conformance.RandomProgram;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The interpreter's decode cost: {@code Program.of} + {@code InterpreterProgram.compile} (gas schedule
 * included) of a 32,000-instruction random ALU/load/store program, scored in ns per instruction.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss8m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeBenchmark {
    /** Instructions in the decoded program. */
    static final int INSTRUCTIONS = RandomProgram.DECODE_INSTRUCTIONS;
    private static final long SEED = RandomProgram.DECODE_SEED;

    @Param({"javm", "gp072"})
    public String profile;

    private CodeBlob code;
    private Profile p;
    private GasModel gas;

    @Setup(Level.Trial)
    public void setUp() {
        p = Profile.byId(profile);
        gas = p == Profile.JAVM ? JavmGasModel.forMemoryPages(0) : Gp072GasModel.INSTANCE;
        code = RandomProgram.code(INSTRUCTIONS, SEED);
        int count = decode().program().count();
        if (count != INSTRUCTIONS) {
            throw new IllegalStateException("random program decodes to " + count + " instructions");
        }
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public InterpreterProgram decode() {
        return InterpreterProgram.compile(Program.of(code, p), gas);
    }
}
