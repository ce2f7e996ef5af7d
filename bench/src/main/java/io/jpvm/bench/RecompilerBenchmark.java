package io.jpvm.bench;

import io.jpvm.conformance.LoadedProgram;
import io.jpvm.conformance.RecompilerVectorEngine;
import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.interpreter.ExitKind;
import io.jpvm.interpreter.Interpreter;
import io.jpvm.recompiler.NativeVm;
import io.jpvm.recompiler.RecompiledProgram;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Execution time of the reference programs on the interpreter and on the recompiler, side by side:
 * {@code fib} (javm, 1,000,000 loop iterations), {@code fib-gp} (the same loop as a gp072 deblob) and
 * {@code sort} (javm, insertion sort of 1000 u32, worst case), at machine level. Decoding, gas
 * schedule, code generation and the VM's memory set-up happen once per trial; each invocation resets
 * registers, gas and pc and runs the program to its end (javm: {@code ecalli 0}; gp072: the halt
 * address), so the score is the run time alone. Sort writes every array element before reading it, so
 * a run does not depend on the memory left by the previous one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xss8m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecompilerBenchmark {
    private static final long GAS = 1_000_000_000L;

    @Param({"fib", "fib-gp", "sort"})
    public String program;

    @Param({"interpreter", "recompiler"})
    public String engine;

    private ReferenceProgram ref;
    private long[] regs;
    private Interpreter interp;
    private RecompiledProgram compiled;
    private NativeVm vm;

    @Setup(Level.Trial)
    public void setUp() {
        ref = switch (program) {
            case "fib" -> ReferenceProgram.FIB;
            case "fib-gp" -> ReferenceProgram.FIB_GP;
            case "sort" -> ReferenceProgram.SORT;
            default -> throw new IllegalArgumentException(program);
        };
        LoadedProgram p = ref.load();
        regs = p.initialRegisters();
        switch (engine) {
            case "interpreter" -> interp = new Interpreter(p.program(), p.newMemory());
            case "recompiler" -> {
                compiled = RecompiledProgram.compile(p.program());
                vm = new NativeVm(compiled);
                RecompilerVectorEngine.copyMemory(p.newMemory(), vm);
                vm.setHeapStart(p.heapStart());
            }
            default -> throw new IllegalArgumentException(engine);
        }
        long r = run();
        if (r != ref.expectedResult()) {
            throw new IllegalStateException(program + " on " + engine + ": φ7 = 0x" + Long.toHexString(r));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (vm != null) {
            vm.close();
            compiled.close();
        }
    }

    /** One whole run; returns φ7, or throws if the program did not end as it should. */
    @Benchmark
    public long run() {
        ExitKind exit;
        long result;
        if (interp != null) {
            for (int i = 0; i < 13; i++) {
                interp.setReg(i, regs[i]);
            }
            interp.setGas(GAS);
            interp.setPc(0);
            exit = interp.run();
            result = interp.reg(7);
        } else {
            for (int i = 0; i < 13; i++) {
                vm.setReg(i, regs[i]);
            }
            vm.setGas(GAS);
            vm.setPc(0);
            exit = vm.run();
            result = vm.reg(7);
        }
        if (exit != ExitKind.HALT && exit != ExitKind.HOST_CALL) {
            throw new IllegalStateException(program + " on " + engine + " ended " + exit);
        }
        return result;
    }
}
