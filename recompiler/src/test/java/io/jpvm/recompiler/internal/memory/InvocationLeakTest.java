package io.jpvm.recompiler.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.Assembler;
import io.jpvm.isa.CapEntry;
import io.jpvm.isa.JarCode;
import io.jpvm.isa.JarProgram;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;
import io.jpvm.recompiler.RecompilerEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * 10,000 kernel invocations on the recompiler engine (arguments, a RETYPEd page, a child VM: a memfd,
 * windows, mappings each) leave no mapping, descriptor or address space behind: half closed, half
 * dropped after their result (windows go back to the pool at the end, the cleaner closes the memfd),
 * plus some dropped in the middle of a run (the cleaner frees their windows too).
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class InvocationLeakTest {
    static final int N = 10_000;
    static final int MID_RUN = 300;
    static final int MAPPINGS_SLACK = 64;
    static final long VMSIZE_SLACK_KB = 64 * 1024;
    static final int FD_SLACK = 16;

    static final byte[] BLOB = blob(false);
    static final byte[] PAUSING = blob(true);

    private static byte[] blob(boolean pause) {
        String root = ".container jar\n.memory_pages 4\n.invoke_cap 64\n.data_cap 0 base_page=16 pages=1 rw\n"
                + " load_u32 s0, 0x10000\n"
                + " load_imm a0, 1\n load_imm a4, 0\n load_imm_64 a5, " + (254L << 32 | 70) + "\n ecall\n"   // RETYPE
                + " load_imm a0, 32\n load_imm a1, 0\n load_imm a2, 1\n load_imm a3, 1\n"
                + " load_imm a4, " + KernelCodes.OP_MAP + "\n load_imm_64 a5, " + (70L << 32) + "\n ecall\n"
                + " store_u32 s0, 0x20000\n"
                + " load_imm a0, 0\n load_imm a5, 100\n ecalli 65\n"                                        // CREATE
                + " load_imm a0, 0\n load_imm a5, 0\n ecalli 100\n"                                         // CALL
                + (pause ? " ecalli 5\n" : "")
                + " load_u32 a1, 0x20000\n add_64 a0, a0, a1\n ecalli 0\n";
        JarProgram base = Assembler.assemble(root).toJarProgram();
        List<CapEntry> caps = new ArrayList<>(base.caps());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(base.dataSection());
        byte[] child = JarCode.write(Assembler.assemble(" load_imm a0, 1\n ecalli 0\n").code());
        caps.add(CapEntry.code(65, data.size(), child.length));
        data.writeBytes(child);
        return new JarProgram(base.memoryPages(), base.invokeCap(), caps, data.toByteArray()).write();
    }

    private static Invocation start(byte[] blob, int i) {
        return Invocation.builder(blob).engine(RecompilerEngine.instance()).gas(1_000_000)
                .args(new byte[] {(byte) i, (byte) (i >> 8), 0, 0}).build();
    }

    private static void churn(int n, boolean close) {
        for (int i = 0; i < n; i++) {
            Invocation inv = start(BLOB, i);
            assertEquals(new KernelResult.Halt((i & 0xFFFF) + 1L), inv.run());
            if (close) {
                inv.close();
            }
        }
    }

    private static void dropMidRun(int n) {
        for (int i = 0; i < n; i++) {
            assertEquals(new KernelResult.ProtocolCall(5), start(PAUSING, i).run());
        }
    }

    static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitCleaner(int stores, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while ((BackingStore.liveCount() > stores || GuestWindow.liveCount() > WindowPool.shared().idleCount())
                && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
    }

    @Test
    void invocationsLeaveNothingBehind() throws InterruptedException {
        dropMidRun(20);
        churn(300, false);
        churn(300, true);
        awaitCleaner(0, 10_000);
        int baseMappings = ProcMaps.count();
        long baseVmSize = ProcMaps.statusKb("VmSize");
        int baseFds = openFds();
        int baseStores = BackingStore.liveCount();
        int baseWindows = GuestWindow.liveCount();
        int baseOutsidePool = baseWindows - WindowPool.shared().idleCount();

        long t0 = System.nanoTime();
        churn(N / 2, true);
        long closedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(BackingStore.liveCount() <= baseStores, "closed invocations keep no memfd");
        assertTrue(GuestWindow.liveCount() - WindowPool.shared().idleCount() <= baseOutsidePool,
                "every window is back in the pool");
        assertTrue(GuestWindow.liveCount() <= baseWindows + 2, "windows are pooled, not made per invocation");
        t0 = System.nanoTime();
        churn(N / 2, false);
        dropMidRun(MID_RUN);
        long droppedMs = (System.nanoTime() - t0) / 1_000_000;
        int peakStores = BackingStore.liveCount();
        awaitCleaner(baseStores, 30_000);

        int mappings = ProcMaps.count();
        long vmSize = ProcMaps.statusKb("VmSize");
        int fds = openFds();
        System.out.printf("[invocation leak test] %d closed in %d ms, %d dropped + %d dropped mid-run in %d ms "
                        + "(%d memfds open before the cleaner); after: %+d mappings, VmSize %+d kB, %+d fds, "
                        + "%d windows (%d idle in the pool)%n", N / 2, closedMs, N / 2, MID_RUN, droppedMs, peakStores,
                mappings - baseMappings, vmSize - baseVmSize, fds - baseFds, GuestWindow.liveCount(),
                WindowPool.shared().idleCount());
        assertTrue(BackingStore.liveCount() <= baseStores, "memfds the cleaner never closed");
        assertTrue(GuestWindow.liveCount() - WindowPool.shared().idleCount() <= Math.max(baseOutsidePool, 0),
                "windows outside the pool");
        assertTrue(Math.abs(mappings - baseMappings) <= MAPPINGS_SLACK, "mappings " + (mappings - baseMappings));
        assertTrue(vmSize - baseVmSize <= VMSIZE_SLACK_KB, "VmSize " + (vmSize - baseVmSize) + " kB");
        assertTrue(fds - baseFds <= FD_SLACK, "descriptors " + (fds - baseFds));
    }
}
