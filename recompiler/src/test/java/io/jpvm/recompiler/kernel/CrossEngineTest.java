package io.jpvm.recompiler.kernel;

import static io.jpvm.recompiler.kernel.KernelRuns.BIG_GAS;
import static io.jpvm.recompiler.kernel.KernelRuns.GAS_BY_EXIT;
import static io.jpvm.recompiler.kernel.KernelRuns.INTERPRETER;
import static io.jpvm.recompiler.kernel.KernelRuns.RECOMPILER;
import static io.jpvm.recompiler.kernel.KernelRuns.jar;
import static io.jpvm.recompiler.kernel.KernelRuns.run;
import static io.jpvm.recompiler.kernel.KernelRuns.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.kernel.HostFunction;
import io.jpvm.recompiler.kernel.KernelRuns.Outcome;
import io.jpvm.recompiler.kernel.KernelRuns.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The reference programs on the kernel: the recompiler engine agrees with the interpreter on everything. */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class CrossEngineTest {

    private static void same(String what, byte[] blob, long gas, long op, HostFunction gasHost, Range... ranges) {
        Outcome want = run(INTERPRETER, blob, gas, op, gasHost, ranges);
        Outcome got = run(RECOMPILER, blob, gas, op, gasHost, ranges);
        got.assertSameAs(want, what);
    }

    @Test
    void fibRecurZeroToTwenty() {
        byte[] blob = jar(source("fib_recur"));
        long[] fib = new long[21];
        fib[1] = 1;
        for (int n = 2; n <= 20; n++) {
            fib[n] = fib[n - 1] + fib[n - 2];
        }
        for (int n = 0; n <= 20; n++) {
            Outcome want = run(INTERPRETER, blob, BIG_GAS, n, HostFunction.GAS);
            Outcome got = run(RECOMPILER, blob, BIG_GAS, n, HostFunction.GAS);
            got.assertSameAs(want, "fib_recur(" + n + ")");
            assertEquals("Halt[value=" + fib[n] + "]", got.results().getLast());
        }
    }

    @Test
    void fibLoopSortAndHostcall() {
        same("fib", jar(source("fib")), BIG_GAS, 0, HostFunction.GAS);
        same("sort", jar(source("sort")), BIG_GAS, 0, HostFunction.GAS, new Range(0x1000, 4000));
        same("hostcall inline", jar(source("hostcall")), BIG_GAS, 0, HostFunction.GAS);
        same("hostcall by exit", jar(source("hostcall")), BIG_GAS, 0, GAS_BY_EXIT);
        same("hostcall returned", jar(source("hostcall")), BIG_GAS, 0, null);
        Outcome inline = run(RECOMPILER, jar(source("hostcall")), BIG_GAS, 0, HostFunction.GAS);
        assertEquals(100_000, inline.protocolCalls()); // answered in generated code, counted all the same
    }

    @Test
    void outOfGasAnywhereInFibRecur() {
        byte[] blob = jar(source("fib_recur"));
        long full = BIG_GAS - run(INTERPRETER, blob, BIG_GAS, 6, HostFunction.GAS).gasLeft();
        for (long gas = 0; gas <= full; gas += 7) {
            same("fib_recur(6) with " + gas + " gas", blob, gas, 6, HostFunction.GAS);
        }
    }
}
