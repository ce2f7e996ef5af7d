package io.jpvm.bench;

import io.jpvm.conformance.ReferenceProgram;
import io.jpvm.conformance.VmFootprint;
import io.jpvm.kernel.Engine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes per idle VM: the heap a finished fib_recur(20) invocation retains (21,891 VMs, all but the
 * root idle after replying), divided by its VMs; reported as the auxiliary counter
 * {@code bytesPerIdleVm} (one measured shot: JMH sums event counters over iterations), per engine.
 * Neither engine keeps native memory per idle VM.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@State(Scope.Benchmark)
public class VmFootprintBenchmark {
    @Param({"interpreter", "recompiler"})
    public String engine;

    /** The measured figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Footprint {
        public double bytesPerIdleVm;
    }

    @Benchmark
    public double fibRecur20(Footprint f) {
        f.bytesPerIdleVm = VmFootprint.fibRecur(ReferenceProgram.FIB_RECUR.argument(), Engine.named(engine)).bytesPerVm();
        return f.bytesPerIdleVm;
    }
}
