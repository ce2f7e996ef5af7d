package io.jpvm.bench;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.MachineRunner;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.RunResult;
import io.jpvm.isa.Profile;
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
 * The reference interpreter on the fib loop (1,000,000 iterations of five instructions) in both
 * profiles: {@link #instructions} scores PVM instructions per microsecond (= millions per second),
 * {@link #fibLoop} the milliseconds per whole run. Decoding is done once per trial.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss8m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class InterpreterFibBenchmark {
    /** PVM instructions executed by one run of the loop. */
    static final int LOOP_INSTRUCTIONS = 5_000_000;
    private static final long GAS = 1_000_000_000L;

    @Param({"javm", "gp072"})
    public String profile;

    private LoadedProgram program;
    private final long[] regs = new long[13];
    private final boolean[] overridden = new boolean[13];

    @Setup(Level.Trial)
    public void setUp() {
        ReferenceProgram fib = Profile.byId(profile) == Profile.JAVM ? ReferenceProgram.FIB : ReferenceProgram.FIB_GP;
        if (fib.loopInstructions() != LOOP_INSTRUCTIONS) {
            throw new IllegalStateException(fib.id() + " runs " + fib.loopInstructions() + " loop instructions");
        }
        program = fib.load();
        RunResult r = run();
        if (!r.status().equals("halt") || r.result() != fib.expectedResult()) {
            throw new IllegalStateException(fib.id() + " ended " + r.status() + " with φ7 = 0x"
                    + Long.toHexString(r.result()));
        }
    }

    private RunResult run() {
        return MachineRunner.run(program, GAS, regs, overridden);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @OperationsPerInvocation(LOOP_INSTRUCTIONS)
    public RunResult instructions() {
        return run();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RunResult fibLoop() {
        return run();
    }
}
