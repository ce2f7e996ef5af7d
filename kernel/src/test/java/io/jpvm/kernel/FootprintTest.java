package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.ref.Reference;
import org.junit.jupiter.api.Test;

/**
 * Measures heap bytes per VM (reported, not asserted): VMs that never ran (created, idle) and the
 * fib_recur(20) VMs (each ran once and replied: idle with registers and an interpreter state).
 */
class FootprintTest {
    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @Test
    void neverRunVms() {
        String src = FibRecurTest.resource("idle_vms.asm").replace("OUTER", "100").replace("INNER", "200");
        byte[] blob = K.jar(src);
        K.start(blob, K.BIG_GAS).run(); // warm-up (class loading, JIT)
        long before = usedAfterGc();
        Invocation inv = K.start(blob, K.BIG_GAS);
        assertEquals(new KernelResult.Halt(200), inv.run());
        long after = usedAfterGc();
        int vms = inv.liveVms();
        assertEquals(1 + 1 + 100 * 201, vms);
        System.out.printf("never-run idle VM: %d VMs, %.0f bytes per VM%n", vms, (after - before) / (double) vms);
        Reference.reachabilityFence(inv);
    }

    @Test
    void fibRecurVms() {
        byte[] blob = FibRecurTest.fibRecur();
        FibRecurTest.run(blob, 15).run(); // warm-up
        long before = usedAfterGc();
        Invocation inv = FibRecurTest.run(blob, 20);
        assertEquals(new KernelResult.Halt(6765), inv.run());
        long after = usedAfterGc();
        System.out.printf("fib_recur(20) idle VM (ran once): %d VMs, %.0f bytes per VM%n", inv.liveVms(),
                (after - before) / (double) inv.liveVms());
        Reference.reachabilityFence(inv);
    }
}
