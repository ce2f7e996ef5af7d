package io.jpvm.kernel;

import static io.jpvm.kernel.K.PROBE;
import static io.jpvm.kernel.K.WHAT;
import static io.jpvm.kernel.K.call;
import static io.jpvm.kernel.K.create;
import static io.jpvm.kernel.K.ecall;
import static io.jpvm.kernel.K.halt;
import static io.jpvm.kernel.K.jar;
import static io.jpvm.kernel.K.map;
import static io.jpvm.kernel.K.probe;
import static io.jpvm.kernel.K.ref;
import static io.jpvm.kernel.K.retype;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ecall management operations other than GRANT/REVOKE; every failure answers WHAT and changes nothing. */
class ManagementTest {
    private static final String HEAD = ".container jar\n.memory_pages 16\n";
    private static final Map<Integer, String> CHILD = Map.of(65, " ecalli 0\n");

    private static String unmap(long subject, long first, long count) {
        return " load_imm a0, " + first + "\n load_imm a1, " + count + "\n" + ecall(KernelCodes.OP_UNMAP, subject, 0);
    }

    @Test
    void retypeViaEcallChargesTwentyPlus1500PerPage() {
        String src = HEAD + PROBE + retype(3, 70) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src);
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        long[] r = probe(inv);
        assertEquals(70, r[7]);
        assertEquals(10 + 10 + 4500, before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc()));
    }

    @Test
    void retypeNeedsItsGas() {
        byte[] blob = jar(HEAD + retype(1, 70) + " ecalli 0\n");
        long all = K.blockCosts(blob, 64, 0, 1000) + 10 + 1510 + 10;
        assertEquals(70, halt(K.start(blob, all)));
        assertEquals(new KernelResult.OutOfGas(), K.start(blob, all - 1).run());
    }

    @Test
    void retypeFailures() {
        String src = ".container jar\n.memory_pages 3\n" + retype(4, 70) + PROBE + retype(0, 70) + PROBE
                + retype(1, 5) + PROBE + retype(3, 70) + PROBE + retype(1, 71) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);    // more than the pool
        assertEquals(WHAT, probe(inv)[7]);    // zero pages
        assertEquals(WHAT, probe(inv)[7]);    // occupied destination
        assertEquals(70, probe(inv)[7]);      // the failures took nothing: all 3 pages still there
        assertEquals(WHAT, probe(inv)[7]);    // now the pool is empty
    }

    @Test
    void mapAndUnmap() {
        String src = HEAD + retype(2, 70) + map(70, 16, 0, 2, 1) + """
                        store_imm_u32 0x10000, 1
                        store_imm_u32 0x11000, 2
                        load_u32 a0, 0x11000
                """ + PROBE + unmap(70, 1, 1) + PROBE + unmap(70, 1, 1) + PROBE + " load_u32 a0, 0x11000\n ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(2, probe(inv)[7]);
        assertEquals(1, probe(inv)[7]);       // UNMAP leaves φ7 alone
        assertEquals(1, probe(inv)[7]);       // unmapping an unmapped page is fine
        assertEquals(new KernelResult.PageFault(0x11000), inv.run());
    }

    @Test
    void mapFailures() {
        String src = HEAD + ".data_cap 60 base_page=32 pages=1 ro\n" + retype(2, 70) + map(70, 16, 0, 1, 1) + PROBE
                + map(70, 16, 1, 1, 2) + PROBE          // access 2
                + map(70, 17, 1, 1, 1) + PROBE          // base differs from the first MAP
                + map(70, 16, 1, 1, 0) + PROBE          // access differs from the first MAP
                + map(70, 16, 1, 2, 1) + PROBE          // beyond the cap
                + map(70, 16, 1, 0, 1) + PROBE          // no pages
                + map(60, 32, 0, 1, 1) + PROBE          // RW on a RO cap
                + map(5, 16, 0, 1, 1) + PROBE           // not a DATA cap
                + retype(1, 71) + map(71, 16, 0, 1, 1) + PROBE      // lands on a page of cap 70
                + map(71, 1 << 20, 0, 1, 1) + PROBE                 // outside the address space
                + map(71, (1 << 20) - 1, 0, 1, 1) + PROBE           // the last page is fine
                + map(70, 16, 1, 1, 1) + PROBE                       // cap 70's second page, at 17
                + " store_imm_u8 -1, 3\n load_u8 a0, -1\n" + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(16, probe(inv)[7]);
        for (int i = 0; i < 9; i++) {
            assertEquals(WHAT, probe(inv)[7], "case " + i);
        }
        assertEquals((1 << 20) - 1, probe(inv)[7]);
        assertEquals(16, probe(inv)[7]);
        assertEquals(3, probe(inv)[7]);
    }

    @Test
    void splitKeepsTheLowPartAndMovesTheHighPart() {
        String src = HEAD + retype(4, 70)
                + " load_imm a0, 0\n" + ecall(KernelCodes.OP_SPLIT, 70, 71) + PROBE
                + " load_imm a0, 4\n" + ecall(KernelCodes.OP_SPLIT, 70, 71) + PROBE
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 70, 5) + PROBE
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 70, 71) + PROBE
                + map(71, 20, 0, 4, 1) + PROBE
                + map(71, 20, 0, 3, 1) + PROBE
                + map(70, 16, 0, 2, 1) + PROBE
                + map(70, 16, 0, 1, 1) + """
                        store_imm_u32 0x10000, 11
                        store_imm_u32 0x14000, 22
                        load_u32 t0, 0x10000
                        load_u32 t1, 0x14000
                        shlo_l_imm_64 t1, t1, 8
                        add_64 a0, t0, t1
                """ + PROBE
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 71, 72) + PROBE   // 71 is mapped
                + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);     // k = 0
        assertEquals(WHAT, probe(inv)[7]);     // k = pages
        assertEquals(WHAT, probe(inv)[7]);     // occupied destination
        assertEquals(1, probe(inv)[7]);        // split at 1
        assertEquals(WHAT, probe(inv)[7]);     // the high part has 3 pages
        assertEquals(20, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);     // the low part has 1 page
        assertEquals(11 + (22 << 8), probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void splitKeepsAFixedBase() {
        String src = HEAD + retype(2, 72) + map(72, 40, 0, 2, 1) + unmap(72, 0, 2)
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 72, 73)
                + map(73, 50, 0, 1, 1) + PROBE + map(73, 41, 0, 1, 1) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(41, probe(inv)[7]);
    }

    @Test
    void dropUnmapsDataAndFailsOnEmptySlots() {
        String src = HEAD + ecall(KernelCodes.OP_DROP, 90, 0) + PROBE + retype(1, 70) + map(70, 16, 0, 1, 1)
                + " store_imm_u32 0x10000, 1\n" + ecall(KernelCodes.OP_DROP, 70, 0) + PROBE
                + " load_u32 a0, 0x10000\n ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(16, probe(inv)[7]);
        assertEquals(new KernelResult.PageFault(0x10000), inv.run());
    }

    @Test
    void dropOfAHandleRemovesTheVmAndTheVmsItHolds() {
        String src = HEAD + create(65, 0, 100) + create(65, 0, ref(100, 50)) + create(65, 0, ref(100, 50, 60))
                + create(65, 0, 101) + PROBE + ecall(KernelCodes.OP_DROP, 100, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, CHILD);
        probe(inv);
        assertEquals(5, inv.liveVms());
        probe(inv);
        assertEquals(2, inv.liveVms());
        assertEquals(5, inv.vmsCreated());
    }

    @Test
    void dropOfARunningVmIsRefused() {
        // A holds its own HANDLE and tries to drop it while RUNNING
        String a = ecall(KernelCodes.OP_DROP, 100, 0) + " ecalli 0\n";
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101)
                + ecall(KernelCodes.OP_MOVE, 100, ref(100, 100)) + call(101, 7, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, a));
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(2, inv.liveVms());
    }

    @Test
    void moveWithinAVmKeepsTheMappingAndToAnotherVmUnmaps() {
        String src = HEAD + create(65, 0, 100) + retype(1, 70) + map(70, 16, 0, 1, 1) + " store_imm_u32 0x10000, 7\n"
                + ecall(KernelCodes.OP_MOVE, 70, 5) + PROBE            // occupied destination
                + ecall(KernelCodes.OP_MOVE, 71, 80) + PROBE           // empty source
                + " load_imm a0, 0\n" + ecall(KernelCodes.OP_MOVE, 70, 80) + " load_u32 a0, 0x10000\n" + PROBE
                + ecall(KernelCodes.OP_MOVE, 80, ref(100, 5)) + " load_u32 a0, 0x10000\n ecalli 0\n";
        Invocation inv = K.start(src, CHILD);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(7, probe(inv)[7]);
        assertEquals(new KernelResult.PageFault(0x10000), inv.run());
    }

    @Test
    void copyOnlyCopiesCopyableCaps() {
        String src = ".container jar\n.memory_pages 2\n" + create(65, 0, 100) + retype(1, 70)
                + " load_imm a0, 0\n" + ecall(KernelCodes.OP_COPY, 70, 80) + PROBE    // DATA
                + ecall(KernelCodes.OP_COPY, 100, 80) + PROBE                          // HANDLE
                + ecall(KernelCodes.OP_COPY, 254, 200) + retype(1, 71) + PROBE         // pool shared: 1 page left
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_CALL, 200, 72) + PROBE    // RETYPE via the copy
                + ecall(KernelCodes.OP_COPY, 65, 66) + create(66, 0, 101) + PROBE      // CREATE via a CODE copy
                + " ecalli 0\n";
        Invocation inv = K.start(src, CHILD);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(71, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(101, probe(inv)[7]);
    }

    @Test
    void unknownOpsAndDirtyAnswerWhat() {
        String src = HEAD;
        for (long op : new long[] {0x01, KernelCodes.OP_DIRTY, 0x0E, 0xFF, -1}) {
            src += " load_imm a0, 5\n load_imm_64 a4, " + op + "\n load_imm a5, 70\n ecall\n" + PROBE;
        }
        Invocation inv = K.start(src + " ecalli 0\n");
        for (int i = 0; i < 5; i++) {
            assertEquals(WHAT, probe(inv)[7]);
        }
    }

    @Test
    void ecallChargesTen() {
        String src = HEAD + PROBE + ecall(KernelCodes.OP_DIRTY, 0, 0) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src);
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        probe(inv);
        assertEquals(10, before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc()));
    }
}
