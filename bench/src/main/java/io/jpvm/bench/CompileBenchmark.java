package io.jpvm.bench;

import io.jpvm.conformance.RandomProgram;
import io.jpvm.gas.GasModel;
import io.jpvm.gas.GasSchedule;
import io.jpvm.gas.Gp072GasModel;
import io.jpvm.gas.JavmGasModel;
import io.jpvm.isa.CodeBlob;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import io.jpvm.recompiler.RecompiledProgram;
import io.jpvm.recompiler.internal.codegen.CodeGenerator;
import io.jpvm.recompiler.internal.codegen.GeneratedCode;
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
 * The recompiler's compile cost on the 32,000-instruction random ALU/load/store program
 * ({@link RandomProgram#DECODE_INSTRUCTIONS}, {@link RandomProgram#DECODE_SEED}), in ns per PVM
 * instruction, split into its stages:
 * <ul>
 *   <li>{@link #decode}: {@code Program.of} (dense instruction list, block starts, targets);</li>
 *   <li>{@link #gas}: the gas schedule of an already decoded program;</li>
 *   <li>{@link #codegen}: x86-64 code generation from an already computed schedule (into the
 *       thread's reused code buffer, as {@code RecompiledProgram} does);</li>
 *   <li>{@link #total}: all of it, from the code blob to sealed executable code memory
 *       ({@code RecompiledProgram.compile(Program.of(blob), gas)}), plus unmapping it again
 *       ({@code close()}, which pools the pages for the next compilation of the same size).</li>
 * </ul>
 * Sample-time mode: every call is timed, so the report has the median ({@code p0.50}) beside the mean
 * (on a 2-core machine a GC pause or a descheduled thread lands in the mean; the median is the figure
 * to compare).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss8m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CompileBenchmark {
    /** Instructions in the compiled program. */
    static final int INSTRUCTIONS = RandomProgram.DECODE_INSTRUCTIONS;

    @Param({"javm", "gp072"})
    public String profile;

    private CodeBlob code;
    private Profile p;
    private GasModel model;
    private Program program;
    private GasSchedule schedule;

    @Setup(Level.Trial)
    public void setUp() {
        p = Profile.byId(profile);
        model = p == Profile.JAVM ? JavmGasModel.forMemoryPages(0) : Gp072GasModel.INSTANCE;
        code = RandomProgram.code(INSTRUCTIONS, RandomProgram.DECODE_SEED);
        program = Program.of(code, p);
        if (program.count() != INSTRUCTIONS) {
            throw new IllegalStateException("random program decodes to " + program.count() + " instructions");
        }
        schedule = model.schedule(program);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public Program decode() {
        return Program.of(code, p);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public GasSchedule gas() {
        return model.schedule(program);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public GeneratedCode codegen() {
        return CodeGenerator.generateTransient(schedule);
    }

    @Benchmark
    @OperationsPerInvocation(INSTRUCTIONS)
    public int total() {
        try (RecompiledProgram r = RecompiledProgram.compile(Program.of(code, p), model)) {
            return r.codeSize();
        }
    }
}
