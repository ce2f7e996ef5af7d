package io.jpvm.recompiler.kernel;

import static io.jpvm.recompiler.kernel.KernelRuns.BIG_GAS;
import static io.jpvm.recompiler.kernel.KernelRuns.INTERPRETER;
import static io.jpvm.recompiler.kernel.KernelRuns.RECOMPILER;
import static io.jpvm.recompiler.kernel.KernelRuns.run;
import static io.jpvm.recompiler.kernel.Snippets.call;
import static io.jpvm.recompiler.kernel.Snippets.callWithReg;
import static io.jpvm.recompiler.kernel.Snippets.copy;
import static io.jpvm.recompiler.kernel.Snippets.create;
import static io.jpvm.recompiler.kernel.Snippets.grant;
import static io.jpvm.recompiler.kernel.Snippets.map;
import static io.jpvm.recompiler.kernel.Snippets.ref;
import static io.jpvm.recompiler.kernel.Snippets.retype;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.kernel.HostFunction;
import io.jpvm.kernel.Invocation;
import io.jpvm.kernel.KernelCodes;
import io.jpvm.kernel.KernelResult;
import io.jpvm.recompiler.internal.memory.GuestWindow;
import io.jpvm.recompiler.kernel.KernelRuns.Outcome;
import io.jpvm.recompiler.kernel.KernelRuns.Range;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Guest windows on the recompiler: GRANTed pages are the same memory in every window that maps them,
 * and more VMs than windows (a 21-VM call chain, each with a page of its own) keep their memory and
 * registers across evictions.
 */
@EnabledOnOs(value = OS.LINUX, architectures = {"amd64", "x86_64"})
class WindowSharingTest {
    private static final long VIEWERS = 8;

    /**
     * The root writes 1234 to a RW page, gives a RW view to a writer (which adds 5678 beside it) and
     * RO views to eight readers, called one after the other (more VMs than windows); each reader
     * returns the sum it sees, the root adds 1 to its own word between calls; the last reader also
     * tries to write through its RO view.
     */
    static byte[] grantProgram() {
        String writer = " load_u32 a1, 0x20000\n add_imm_64 a1, a1, 5678\n store_u32 a1, 0x20004\n move_reg a0, a1\n"
                + " ecalli 0\n";
        String reader = " load_u32 a0, 0x30000\n load_u32 a1, 0x30004\n add_64 a0, a0, a1\n"
                + " branch_eq_imm a2, 0, done\n store_imm_u32 0x30000, 1\n done: ecalli 0\n";
        StringBuilder root = new StringBuilder(".container jar\n.memory_pages 4\n.invoke_cap 64\n")
                .append(retype(254, 1, 70)).append(map(70, 16, 0, 1, 1)).append(" store_imm_u32 0x10000, 1234\n")
                .append(create(65, 0, 100)).append(grant(1, 70, ref(100, 5))).append(map(ref(100, 5), 32, 0, 1, 1))
                .append(call(100, 0)).append(" move_reg s0, a0\n");
        for (int i = 0; i < VIEWERS; i++) {
            int h = 110 + i;
            root.append(create(66, 0, h)).append(grant(0, 70, ref(h, 6))).append(map(ref(h, 6), 48, 0, 1, 0))
                    .append(" load_u32 a1, 0x10000\n add_imm_64 a1, a1, 1\n store_u32 a1, 0x10000\n")
                    .append(" load_imm a2, ").append(i == VIEWERS - 1 ? 1 : 0).append("\n")
                    .append(" move_reg a0, a2\n load_imm a5, 0\n ecalli ").append(h).append("\n")
                    .append(" add_64 s1, s1, a0\n add_64 s1, s1, a1\n");
        }
        root.append(" load_u32 a0, 0x10004\n add_64 a0, a0, s1\n ecalli 0\n");
        return Snippets.jar(root.toString(), Map.of(65, writer, 66, reader));
    }

    @Test
    void grantedPagesAreSharedAcrossWindows() {
        byte[] blob = grantProgram();
        Outcome want = run(INTERPRETER, blob, BIG_GAS, 0, HostFunction.GAS, new Range(0x10000, 4096));
        Outcome got = run(RECOMPILER, blob, BIG_GAS, 0, HostFunction.GAS, new Range(0x10000, 4096));
        got.assertSameAs(want, "GRANT across windows");
        // 5678 written through the writer's RW view and read back through the root's mapping
        byte[] page = got.memory().getFirst();
        assertEquals(1234 + 5678, (page[4] & 0xFF) | (page[5] & 0xFF) << 8 | (page[6] & 0xFF) << 16);
        assertEquals(1 + 1 + VIEWERS, got.liveVms());
    }

    @Test
    void aReadOnlyViewFaultsOnWrite() {
        byte[] blob = grantProgram();
        try (Invocation inv = Invocation.builder(blob).engine(RECOMPILER).gas(BIG_GAS).build()) {
            KernelResult r = inv.run();
            assertTrue(r instanceof KernelResult.Halt, r::toString);
            // the last reader faulted at its store: the root's φ8 is the status of that last CALL
            assertEquals(KernelCodes.STATUS_PAGE_FAULT, inv.activeReg(8));
        }
    }

    // ------------------------------------------------------------------ eviction

    static final int DEPTH = 20;

    /**
     * A call chain of DEPTH + 1 VMs: each node gets a page of its own (RETYPE through a copy of the
     * UNTYPED cap), writes d and 7d into it, calls a child with d − 1, then reads its page back and
     * REPLYs child + d + 7d (the leaf first yields to the test with protocol cap 5).
     */
    static byte[] chainProgram() {
        long mask = 1L << 5 | 1L << 50 | 1L << 60;   // protocol 5 (the probe), the node CODE, the UNTYPED copy
        String node = " move_reg s0, a0\n" + retype(60, 1, 70) + map(70, 16, 0, 1, 1)
                + " store_u64 s0, 0x10000\n mul_imm_64 s1, s0, 7\n store_u64 s1, 0x10008\n"
                + " branch_eq_imm s0, 0, leaf\n"
                + create(50, mask, 100) + " add_imm_64 s1, s0, -1\n" + callWithReg(100, "s1")
                + " jump back\n"
                + "leaf: ecalli 5\n load_imm a0, 0\n fallthrough\n"
                + "back: load_u64 a1, 0x10000\n load_u64 a2, 0x10008\n add_64 a0, a0, a1\n add_64 a0, a0, a2\n"
                + " ecalli 0\n";
        String root = ".container jar\n.memory_pages 64\n.invoke_cap 64\n" + copy(254, 60)
                + create(50, mask, 100) + call(100, DEPTH) + " ecalli 0\n";
        return Snippets.jar(root, Map.of(50, node));
    }

    @Test
    void moreVmsThanWindowsKeepTheirMemoryAndRegisters() {
        byte[] blob = chainProgram();
        Outcome want = run(INTERPRETER, blob, BIG_GAS, 0, HostFunction.GAS);
        Outcome got = run(RECOMPILER, blob, BIG_GAS, 0, HostFunction.GAS);
        got.assertSameAs(want, "call chain");
        assertEquals("Halt[value=" + 8 * DEPTH * (DEPTH + 1) / 2 + "]", got.results().getLast());
    }

    @Test
    void aDeepChainHoldsAtMostFiveWindows() {
        int before = GuestWindow.liveCount();
        try (Invocation inv = Invocation.builder(chainProgram()).engine(RECOMPILER).gas(BIG_GAS).build()) {
            assertEquals(new KernelResult.ProtocolCall(5), inv.run());   // the leaf, DEPTH + 2 VMs deep
            assertEquals(DEPTH + 2, inv.liveVms());
            assertEquals(DEPTH + 1, inv.callDepth());
            assertTrue(GuestWindow.liveCount() - before <= 5, () -> (GuestWindow.liveCount() - before) + " windows");
            inv.resumeProtocolCall(0, 0);
            assertEquals(new KernelResult.Halt(8L * DEPTH * (DEPTH + 1) / 2), inv.run());
        }
    }
}
