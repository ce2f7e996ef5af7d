package io.jpvm.conformance;

import io.jpvm.kernel.Engine;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures what an idle VM costs: the heap retained by a finished fib_recur(N) invocation (every VM
 * but the root has replied and sits idle), divided by its live VMs. Neither engine keeps native memory
 * per idle VM (the recompiler's VMs give their guest windows back when the invocation ends), so the
 * heap is the whole cost.
 */
public final class VmFootprint {
    /** The measurement: live VMs and retained heap bytes. */
    public record Result(int vms, long retainedBytes) {
        public double bytesPerVm() {
            return (double) retainedBytes / vms;
        }
    }

    private VmFootprint() {}

    /** Runs fib_recur({@code n}) on the interpreter and measures the heap it retains. */
    public static Result fibRecur(long n) {
        return fibRecur(n, Engine.interpreter());
    }

    /** Runs fib_recur({@code n}) on {@code engine} and measures the heap it retains. */
    public static Result fibRecur(long n, Engine engine) {
        byte[] blob = ReferenceProgram.FIB_RECUR.bytes();
        Invocation.builder(blob).engine(engine).gas(10_000_000_000L).operation(n).build().run(); // code cached
        long before = usedAfterGc();
        Invocation inv = Invocation.builder(blob).engine(engine).gas(10_000_000_000L).operation(n).build();
        KernelResult r = inv.run();
        if (!(r instanceof KernelResult.Halt)) {
            throw new IllegalStateException("fib_recur(" + n + ") ended " + r);
        }
        long after = usedAfterGc();
        int vms = inv.liveVms();
        java.lang.ref.Reference.reachabilityFence(inv);
        return new Result(vms, after - before);
    }

    private static long usedAfterGc() {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
