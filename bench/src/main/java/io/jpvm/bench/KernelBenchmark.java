package io.jpvm.bench;

import io.jpvm.conformance.KernelRunner;
import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.RunResult;
import io.jpvm.kernel.Engine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JAR v2 programs on the capability kernel, on each engine: the host-call loop (100,000 × GAS, answered
 * inline by the recompiler), insertion sort of 1000 u32, fib_recur(20) (21,891 VMs) and the fib loop
 * (1,000,000 iterations), in ms per whole run including kernel set-up (code from the kernel's code
 * cache after the first run). The idle-VM footprint is {@link VmFootprintBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss8m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KernelBenchmark {
    private static final long GAS = 10_000_000_000L;

    @Param({"HOSTCALL", "SORT", "FIB_RECUR", "FIB"})
    public String program;

    @Param({"interpreter", "recompiler"})
    public String engine;

    private Engine kernelEngine;

    private ReferenceProgram reference;
    private LoadedProgram loaded;
    private final long[] regs = new long[13];
    private final boolean[] set = new boolean[13];

    @Setup(Level.Trial)
    public void setUp() {
        kernelEngine = Engine.named(engine);
        reference = ReferenceProgram.valueOf(program);
        loaded = reference.load();
        regs[7] = reference.argument();
        set[7] = true;
        RunResult r = run();
        if (!"halt".equals(r.status()) || r.result() != reference.expectedResult()
                || r.vmsLive() != reference.expectedVms()) {
            throw new IllegalStateException(reference.id() + " ended " + r.status() + " with φ7 = " + r.result());
        }
    }

    private RunResult run() {
        return KernelRunner.run(loaded, kernelEngine, GAS, regs, set);
    }

    @Benchmark
    public RunResult invocation() {
        return run();
    }
}
