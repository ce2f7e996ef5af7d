package io.jpvm.kernel;

import static io.jpvm.kernel.K.HUH;
import static io.jpvm.kernel.K.LOW;
import static io.jpvm.kernel.K.PROBE;
import static io.jpvm.kernel.K.WHAT;
import static io.jpvm.kernel.K.call;
import static io.jpvm.kernel.K.create;
import static io.jpvm.kernel.K.ecall;
import static io.jpvm.kernel.K.halt;
import static io.jpvm.kernel.K.jar;
import static io.jpvm.kernel.K.probe;
import static io.jpvm.kernel.K.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CREATE, CALL/REPLY, faults reported to the caller, RESUME, gas flow, IPC cap passing. */
class CallTest {
    private static final String HEAD = ".container jar\n.memory_pages 8\n";
    private static final String SUM_CHILD = """
                    add_64 a0, a0, a1
                    add_64 a0, a0, a2
                    add_64 a0, a0, a3
                    ecalli 0
            """;

    @Test
    void createThenCallAndReply() {
        Invocation inv = K.start(HEAD + create(65, 0, 100) + PROBE + """
                        load_imm a0, 5
                        load_imm a1, 6
                        load_imm a2, 7
                        load_imm a3, 8
                        load_imm a5, 0
                        ecalli   100
                """ + PROBE + " ecalli 0\n", Map.of(65, SUM_CHILD));
        long[] r = probe(inv);
        assertEquals(100, r[7]);          // CREATE answers the HANDLE's slot
        assertEquals(2, inv.liveVms());
        assertEquals(2, inv.vmsCreated());
        r = probe(inv);
        assertEquals(26, r[7]);
        assertEquals(KernelCodes.STATUS_OK, r[8]);
        assertEquals(26, halt(inv));
    }

    @Test
    void createCopiesTheBitmaskSlots() {
        // slots 5 (PROTOCOL) and 40 (CODE) are copied; 41 is empty and skipped
        String child = " ecalli 5\n load_imm a0, 0\n load_imm a5, 7\n ecalli 40\n ecalli 0\n";
        Invocation inv = K.start(HEAD + ".code_cap 40\n" + create(65, (1L << 5) | (1L << 40) | (1L << 41), 100)
                + call(100, 0, 0) + " ecalli 0\n", Map.of(65, child));
        assertEquals(new KernelResult.ProtocolCall(5), inv.run());     // the child calls its copy of slot 5
        assertEquals(7, halt(inv));                                     // and CREATEs from its copy of slot 40
        assertEquals(3, inv.liveVms());
    }

    @Test
    void createRefusesNonCopyableSlotsAndOccupiedDestinations() {
        String src = HEAD + ".data_cap 9 base_page=0 pages=1 rw\n" + create(65, 1L << 9, 100) + PROBE
                + create(65, 0, 5) + PROBE + create(65, 0, 100) + PROBE + create(65, 1L << 9, 100) + PROBE;
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        assertEquals(WHAT, probe(inv)[7]);   // DATA cap selected
        assertEquals(WHAT, probe(inv)[7]);   // slot 5 holds a protocol cap
        assertEquals(100, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);   // slot 100 is taken now
        assertEquals(2, inv.liveVms());
    }

    @Test
    void calleeResumesAtItsSavedPc() {
        String child = """
                        add_64   s0, s0, a0
                        move_reg a0, s0
                        ecalli   0
                        jump     @0
                """;
        Invocation inv = K.start(HEAD + create(65, 0, 100) + call(100, 5, 0) + PROBE + call(100, 7, 0) + PROBE
                + " ecalli 0\n", Map.of(65, child));
        assertEquals(5, probe(inv)[7]);
        assertEquals(12, probe(inv)[7]);
    }

    @Test
    void noReentrancy() {
        // the child holds a CALLABLE to itself and calls it while RUNNING → WHAT
        String child = " ecalli 9\n ecalli 0\n";
        Invocation inv = K.start(HEAD + create(65, 0, 100)
                + ecall(KernelCodes.OP_DOWNGRADE, 100, ref(100, 9))
                + call(100, 1, 0) + PROBE + " ecalli 0\n", Map.of(65, child));
        long[] r = probe(inv);
        assertEquals(WHAT, r[7]);
        assertEquals(0, r[8]);
    }

    @Test
    void onlyIdleVmsCanBeCalled() {
        Invocation inv = K.start(HEAD + create(65, 0, 100) + call(100, 0, 0) + PROBE + call(100, 0, 0) + PROBE
                + " ecalli 0\n", Map.of(65, " load_imm a0, 77\n trap\n"));
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_TRAP, r[8]);
        assertEquals(77, r[7]);
        assertEquals(WHAT, probe(inv)[7]); // FAULTED: CALL refuses, RESUME would be needed
    }

    @Test
    void setMaxGas5000MakesTheParentPay5020() {
        String src = HEAD + create(65, 0, 100) + " load_imm a0, 5000\n"
                + ecall(KernelCodes.OP_SET_MAX_GAS, 100, 0) + PROBE + " load_imm a5, 0\n ecalli 100\n" + PROBE
                + " ecalli 0\n";
        byte[] blob = jar(src, Map.of(65, "loop: add_imm_64 a0, a0, 1\n jump loop\n"));
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        long[] r = probe(inv);
        long paid = before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc());
        assertEquals(5020, paid);
        assertEquals(KernelCodes.STATUS_OUT_OF_GAS, r[8]);
        assertEquals(LOW, r[7]);
    }

    @Test
    void gasFlowsToTheCalleeAndBack() {
        String child = " load_imm a0, 1\n ecalli 0\n";
        String src = HEAD + create(65, 0, 100) + PROBE + call(100, 0, 0) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src, Map.of(65, child));
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        probe(inv);
        long childCost = K.blockCosts(blob, 65, 0, 100) + 10;
        long paid = before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc());
        assertEquals(20 + childCost, paid);
    }

    @Test
    void childOutOfGasReturnsNoLeftover() {
        String src = HEAD + create(65, 0, 100) + " load_imm a0, 1000\n" + ecall(KernelCodes.OP_SET_MAX_GAS, 100, 0)
                + PROBE + call(100, 0, 0) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src, Map.of(65, "loop: add_imm_64 a0, a0, 1\n jump loop\n"));
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_OUT_OF_GAS, r[8]);
        assertEquals(LOW, r[7]);
        assertEquals(1020, before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc()));
    }

    @Test
    void childFaultStatuses() {
        record Case(String child, long status, long aux) {}
        Case[] cases = {
            new Case(" load_imm a0, 77\n trap\n", KernelCodes.STATUS_TRAP, 77),
            new Case(" sbrk a0, a0\n ecalli 0\n", KernelCodes.STATUS_PANIC, HUH),
            new Case(" load_u8 a0, 0x5123\n ecalli 0\n", KernelCodes.STATUS_PAGE_FAULT, 0x5000),
            new Case(" ecalli 200\n ecalli 0\n", KernelCodes.STATUS_INVALID_ECALLI, 200),
            new Case(" ecalli -2\n ecalli 0\n", KernelCodes.STATUS_INVALID_ECALLI, 0xFFFF_FFFEL),
        };
        for (Case c : cases) {
            Invocation inv = K.start(HEAD + create(65, 0, 100) + call(100, 0, 0) + PROBE + " ecalli 0\n",
                    Map.of(65, c.child()));
            long[] r = probe(inv);
            assertEquals(c.status(), r[8], c.child());
            assertEquals(c.aux(), r[7], c.child());
        }
    }

    @Test
    void childCallOverheadNotPayableIsOutOfGas() {
        // the child can pay its blocks and both ecallis (CREATE, CALL) but not the CALL overhead;
        // RESUME with more gas re-executes the CALL, which then reaches the grandchild
        String child = create(40, 0, 100) + " load_imm a5, 0\n ecalli 100\n ecalli 0\n";
        int replyPc = io.jpvm.isa.Assembler.assemble(child).code().length() - 1;
        for (int extra : new int[] {9, 10}) {
            String src = HEAD + create(65, 1L << 40, 100) + " load_imm a0, %d\n"
                    + ecall(KernelCodes.OP_SET_MAX_GAS, 100, 0) + call(100, 0, 0) + PROBE
                    + " load_imm a0, 100000\n" + ecall(KernelCodes.OP_SET_MAX_GAS, 100, 0)
                    + ecall(KernelCodes.OP_RESUME, 100, 0) + PROBE + " ecalli 0\n";
            Map<Integer, String> codes = Map.of(65, child, 40, " ecalli 0\n");
            long need = K.blockCosts(jar(src.formatted(0), codes), 65, 0, replyPc) + 20 + extra;
            Invocation inv = K.start(jar(src.formatted(need), codes), 1_000_000);
            long[] r = probe(inv);
            assertEquals(KernelCodes.STATUS_OUT_OF_GAS, r[8]);
            assertEquals(LOW, r[7]);
            r = probe(inv);
            assertEquals(KernelCodes.STATUS_OK, r[8]);
            // 9: the CALL itself failed and is retried, the grandchild replies the φ7 it got (100);
            // 10: the CALL went through with 0 gas for the grandchild (LOW), the child's REPLY block failed
            assertEquals(extra == 9 ? 100 : LOW, r[7]);
        }
    }

    @Test
    void nestedCallAndReply() {
        String a = ".code_cap 40\n" + create(40, 0, 50) + call(50, 3, 0) + " add_imm_64 a0, a0, 10\n ecalli 0\n";
        String b = " shlo_l_imm_64 a0, a0, 1\n ecalli 0\n";
        String src = HEAD + ".code_cap 40\n" + create(65, 1L << 40, 100) + call(100, 0, 0) + " ecalli 0\n";
        // slot 40 of the root holds B's code, copied into A by bit 40
        byte[] blob = jar(src.replace(".code_cap 40\n", ""), Map.of(65, a.replace(".code_cap 40\n", ""), 40, b));
        Invocation inv = K.start(blob, K.BIG_GAS);
        assertEquals(16, halt(inv));
        assertEquals(3, inv.liveVms());
    }

    @Test
    void downgradeGivesACallableWithTheSameLimit() {
        String src = HEAD + create(65, 0, 100) + " load_imm a0, 5000\n" + ecall(KernelCodes.OP_SET_MAX_GAS, 100, 0)
                + ecall(KernelCodes.OP_DOWNGRADE, 100, 101) + PROBE + call(101, 0, 0) + PROBE
                + ecall(KernelCodes.OP_SET_MAX_GAS, 101, 0) + PROBE
                + ecall(KernelCodes.OP_DOWNGRADE, 101, 102) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src, Map.of(65, "loop: add_imm_64 a0, a0, 1\n jump loop\n"));
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_OUT_OF_GAS, r[8]);
        assertEquals(5020, before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc()));
        assertEquals(WHAT, probe(inv)[7]); // SET_MAX_GAS needs a HANDLE
        assertEquals(WHAT, probe(inv)[7]); // so does DOWNGRADE
    }

    @Test
    void resumeAfterAPageFault() {
        // the child reads page 16 before anything is mapped there; the parent maps a page and resumes
        String child = " load_u32 a0, 0x10000\n ecalli 0\n";
        String src = HEAD + create(65, 0, 100) + call(100, 0, 0) + PROBE
                + K.retype(1, 70) + K.map(70, 16, 0, 1, 1) + " store_imm_u32 0x10000, 4321\n"
                + " load_imm a0, 0\n load_imm a1, 1\n" + ecall(KernelCodes.OP_UNMAP, 70, 0)
                + ecall(KernelCodes.OP_MOVE, 70, ref(100, 5)) + K.map(ref(100, 5), 16, 0, 1, 1)
                + ecall(KernelCodes.OP_RESUME, 100, 0) + PROBE
                + ecall(KernelCodes.OP_RESUME, 100, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, child));
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_PAGE_FAULT, r[8]);
        assertEquals(0x10000, r[7]);
        r = probe(inv);
        assertEquals(KernelCodes.STATUS_OK, r[8]);
        assertEquals(4321, r[7]);
        assertEquals(WHAT, probe(inv)[7]); // the child is IDLE now: nothing to resume
    }

    @Test
    void resumeNeedsALocalHandleOfAFaultedVm() {
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_RESUME, 100, 0) + PROBE
                + ecall(KernelCodes.OP_DOWNGRADE, 100, 101) + call(100, 0, 0)
                + ecall(KernelCodes.OP_RESUME, 101, 0) + PROBE
                + create(65, 0, ref(100, 7)) + ecall(KernelCodes.OP_RESUME, ref(100, 7), 0) + PROBE
                + ecall(KernelCodes.OP_RESUME, 100, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " trap\n"));
        assertEquals(WHAT, probe(inv)[7]);      // IDLE
        assertEquals(WHAT, probe(inv)[7]);      // CALLABLE
        assertEquals(WHAT, probe(inv)[7]);      // through a hop
        long[] r = probe(inv);                  // a trap re-executes and traps again
        assertEquals(KernelCodes.STATUS_TRAP, r[8]);
    }

    @Test
    void ipcCapIsPassedAndReturned() {
        String child = K.map(0, 16, 0, 1, 1) + """
                        load_u32 a0, 0x10000
                        store_imm_u32 0x10000, 6
                        ecalli 0
                """;
        String src = HEAD + K.retype(1, 70) + K.map(70, 16, 0, 1, 1) + " store_imm_u32 0x10000, 5\n"
                + create(65, 0, 100) + call(100, 0, 70) + PROBE + " load_u32 a0, 0x10000\n" + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, child));
        long[] r = probe(inv);
        assertEquals(5, r[7]);
        assertEquals(0, r[8]);
        assertEquals(6, probe(inv)[7]);         // back in slot 70 and mapped again
    }

    @Test
    void ipcPassRefusedWhenTheCalleeSlotZeroIsTaken() {
        String src = HEAD + K.retype(1, 70) + K.retype(1, 71) + create(65, 0, 100)
                + ecall(KernelCodes.OP_MOVE, 71, ref(100, 0)) + call(100, 9, 70) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        assertEquals(WHAT, probe(inv)[7]);
    }
}
