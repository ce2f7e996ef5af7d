package io.jpvm.recompiler.internal.memory;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.invoke.MethodHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** 10,000 closed and 10,000 abandoned code regions leave no mapping and no address space behind. */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class CodeMemoryLeakTest {
    static final int N = 10_000;
    /** Tolerances for JVM noise (heap and metaspace commits split VMAs; threads add stacks). */
    static final int MAPPINGS_SLACK = 64;
    static final long VMSIZE_SLACK_KB = 32 * 1024;

    @Test
    void closedAndAbandonedRegionsAreAllFreed() throws Throwable {
        // warm up both paths (classes, the cleaner thread and its errno buffer, JIT)
        // code other tests left alive (the kernel's code cache keeps compiled programs across invocations)
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        int baseLive = CodeMemory.liveCount();
        churn(200, true);
        churn(200, false);
        awaitCleaner(baseLive, 0);

        int baseMappings = ProcMaps.count();
        long baseVmSize = ProcMaps.statusKb("VmSize");
        assertTrue(CodeMemory.liveCount() <= baseLive);

        long t0 = System.nanoTime();
        churn(N, true);
        long closedMs = (System.nanoTime() - t0) / 1_000_000;
        int afterClosedMappings = ProcMaps.count();
        long afterClosedVmSize = ProcMaps.statusKb("VmSize");
        assertTrue(CodeMemory.liveCount() <= baseLive);

        t0 = System.nanoTime();
        churn(N, false);
        long abandonMs = (System.nanoTime() - t0) / 1_000_000;
        int peakLive = CodeMemory.liveCount();
        int peakMappings = ProcMaps.count();
        long peakVmSize = ProcMaps.statusKb("VmSize");
        t0 = System.nanoTime();
        awaitCleaner(baseLive, 15_000);
        long cleanMs = (System.nanoTime() - t0) / 1_000_000;
        int endMappings = ProcMaps.count();
        long endVmSize = ProcMaps.statusKb("VmSize");

        System.out.printf("[leak test] baseline: %d mappings, VmSize %d kB%n", baseMappings, baseVmSize);
        System.out.printf("[leak test] %d allocate+write+seal+call+close in %d ms: %d mappings (%+d), VmSize %d kB (%+d)%n",
                N, closedMs, afterClosedMappings, afterClosedMappings - baseMappings, afterClosedVmSize,
                afterClosedVmSize - baseVmSize);
        System.out.printf("[leak test] %d abandoned in %d ms: %d still live before waiting, %d mappings (%+d), "
                        + "VmSize %d kB (%+d)%n", N, abandonMs, peakLive, peakMappings, peakMappings - baseMappings,
                peakVmSize, peakVmSize - baseVmSize);
        System.out.printf("[leak test] after GC + cleaner (%d ms): %d live, %d mappings (%+d), VmSize %d kB (%+d)%n",
                cleanMs, CodeMemory.liveCount(), endMappings, endMappings - baseMappings, endVmSize,
                endVmSize - baseVmSize);

        assertTrue(CodeMemory.liveCount() <= baseLive, "regions the cleaner never freed");
        assertTrue(Math.abs(afterClosedMappings - baseMappings) <= MAPPINGS_SLACK, "mappings after close loop");
        assertTrue(afterClosedVmSize - baseVmSize <= VMSIZE_SLACK_KB, "VmSize after close loop");
        assertTrue(Math.abs(endMappings - baseMappings) <= MAPPINGS_SLACK, "mappings after cleaner");
        assertTrue(endVmSize - baseVmSize <= VMSIZE_SLACK_KB, "VmSize after cleaner");
    }

    private static void churn(int n, boolean close) throws Throwable {
        FunctionDescriptor fd = FunctionDescriptor.of(JAVA_INT);
        for (int i = 0; i < n; i++) {
            CodeMemory code = CodeMemory.allocate(CodeMemoryTest.RET42.length).write(CodeMemoryTest.RET42).seal();
            if (i % 100 == 0) {
                MethodHandle fn = code.entry(fd);
                assertEquals(42, (int) fn.invokeExact());
            }
            if (close) {
                code.close();
            }
        }
    }

    /** Runs GCs until the cleaner has freed every code region but {@code live}, or the time is up. */
    private static void awaitCleaner(int live, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(timeoutMs, 5_000) * 1_000_000;
        while (CodeMemory.liveCount() > live && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
    }
}
