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

/** GRANT and REVOKE: the derivation tree, zero-copy DATA views, revocation everywhere. */
class GrantRevokeTest {
    private static final String HEAD = ".container jar\n.memory_pages 16\n";
    /** A page holding 1234 at 0x10000, RW, in root slot 70. */
    private static final String PAGE = retype(1, 70) + map(70, 16, 0, 1, 1) + " store_imm_u32 0x10000, 1234\n";

    private static String grant(long access, long subject, long object) {
        return " load_imm a0, " + access + "\n" + ecall(KernelCodes.OP_GRANT, subject, object);
    }

    private static String revoke(long subject) {
        return ecall(KernelCodes.OP_REVOKE, subject, 0);
    }

    @Test
    void sharedPageIsVisibleBothWays() {
        String child = " load_u32 a0, 0x20000\n store_imm_u32 0x20004, 5678\n ecalli 0\n";
        String src = HEAD + PAGE + create(65, 0, 100) + grant(1, 70, ref(100, 5)) + map(ref(100, 5), 32, 0, 1, 1)
                + call(100, 0, 0) + PROBE + " load_u32 a0, 0x10004\n" + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, child));
        long[] r = probe(inv);
        assertEquals(0, r[8]);
        assertEquals(1234, r[7]);                 // the child sees the parent's write
        assertEquals(5678, probe(inv)[7]);        // the parent sees the child's write
        assertEquals(1, inv.pagesInUse());        // one physical page, two mappings
    }

    @Test
    void readOnlyViewCannotWrite() {
        String child = " load_u32 a0, 0x20000\n store_imm_u32 0x20000, 1\n ecalli 0\n";
        String src = HEAD + PAGE + create(65, 0, 100) + grant(0, 70, ref(100, 5))
                + map(ref(100, 5), 32, 0, 1, 1) + PROBE      // RW mapping of a RO view
                + map(ref(100, 5), 32, 0, 1, 0) + call(100, 0, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, child));
        assertEquals(WHAT, probe(inv)[7]);
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_PAGE_FAULT, r[8]);
        assertEquals(0x20000, r[7]);
    }

    @Test
    void viewAccessIsAtMostTheSources() {
        String src = HEAD + ".data_cap 60 base_page=48 pages=1 ro\n"
                + grant(1, 60, 80) + PROBE                                   // RW from a RO manifest cap
                + grant(2, 60, 80) + PROBE                                   // no such access
                + grant(0, 60, 80) + PROBE                                   // RO is fine
                + retype(1, 70) + map(70, 16, 0, 1, 0) + grant(1, 70, 81) + PROBE   // mapped RO: RO source
                + grant(1, 80, 82) + PROBE                                   // RW from a RO view
                + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(0, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void revokeUnmapsInAGrandchild() {
        String b = " load_u32 a0, 0x30000\n ecalli 0\n jump @0\n";
        String src = HEAD + PAGE
                + create(65, 0, 100)                                    // A
                + create(65, 0, ref(100, 50))                           // B, held by A
                + grant(1, 70, ref(100, 5))                             // view for A
                + grant(1, ref(100, 5), ref(100, 50, 6))                // view of that view for B
                + map(ref(100, 50, 6), 48, 0, 1, 1)
                + ecall(KernelCodes.OP_MOVE, ref(100, 50), 101)          // B's HANDLE to the root
                + call(101, 0, 0) + PROBE
                + revoke(70) + PROBE
                + call(101, 0, 0) + PROBE
                + grant(1, 70, ref(100, 5)) + PROBE                     // A's slot 5 is empty again
                + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, b));
        assertEquals(1234, probe(inv)[7]);
        assertEquals(2, probe(inv)[7]);
        long[] r = probe(inv);
        assertEquals(KernelCodes.STATUS_PAGE_FAULT, r[8]);
        assertEquals(0x30000, r[7]);
        assertEquals(1, probe(inv)[7]);
    }

    @Test
    void revokeCostsTenPerRemovedCap() {
        String src = HEAD + PAGE + grant(0, 70, 71) + grant(0, 71, 72) + grant(0, 70, 73) + PROBE + revoke(70) + PROBE
                + revoke(70) + PROBE + " ecalli 0\n";
        byte[] blob = jar(src);
        Invocation inv = K.start(blob, 1_000_000);
        probe(inv);
        long before = inv.activeGas();
        long from = inv.activePc();
        long[] r = probe(inv);
        assertEquals(3, r[7]);
        assertEquals(10 + 30, before - inv.activeGas() - 10 - K.blockCosts(blob, 64, from, inv.activePc()));
        assertEquals(0, probe(inv)[7]);           // nothing left to revoke; the subject stays
    }

    @Test
    void revokeNeedsItsGas() {
        byte[] blob = jar(HEAD + retype(1, 70) + grant(0, 70, 71) + grant(0, 70, 72) + revoke(70) + " ecalli 0\n");
        long all = K.blockCosts(blob, 64, 0, 10_000) + 1520 + 20 + 30 + 10;
        assertEquals(2, halt(K.start(blob, all)));
        assertEquals(new KernelResult.OutOfGas(), K.start(blob, all - 1).run());
    }

    @Test
    void dropRevokesDescendants() {
        String src = HEAD + PAGE + grant(1, 70, 71) + map(71, 20, 0, 1, 1) + " load_u32 a0, 0x14000\n" + PROBE
                + ecall(KernelCodes.OP_DROP, 70, 0) + map(71, 20, 0, 1, 1) + PROBE
                + " load_u32 a0, 0x14000\n ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(1234, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);        // the view is gone
        assertEquals(new KernelResult.PageFault(0x14000), inv.run());
    }

    @Test
    void viewsBlockSplitAndCannotBeSplitOrCopied() {
        String src = HEAD + retype(2, 70) + grant(0, 70, 71)
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 70, 72) + PROBE   // live view
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 71, 72) + PROBE   // a view
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_COPY, 71, 72) + PROBE
                + grant(0, 71, 74) + PROBE                                            // a grandchild view
                + revoke(70) + PROBE
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_SPLIT, 70, 72) + PROBE
                + " ecalli 0\n";
        Invocation inv = K.start(src);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(0, probe(inv)[7]);
        assertEquals(2, probe(inv)[7]);
        assertEquals(1, probe(inv)[7]);
    }

    @Test
    void grantRefusals() {
        String src = HEAD + create(65, 0, 100) + retype(1, 70)
                + grant(0, 254, 80) + PROBE     // UNTYPED
                + grant(0, 100, 80) + PROBE     // HANDLE
                + grant(0, 90, 80) + PROBE      // empty
                + grant(0, 70, 5) + PROBE       // occupied destination
                + grant(0, 70, ref(100, 99, 5)) + PROBE   // failed hop
                + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        for (int i = 0; i < 5; i++) {
            assertEquals(WHAT, probe(inv)[7], "case " + i);
        }
    }

    @Test
    void codeGrantsAndTheirCopiesAreRevocable() {
        String src = HEAD + grant(0, 65, 66) + ecall(KernelCodes.OP_COPY, 66, 67) + create(66, 0, 100) + PROBE
                + revoke(65) + PROBE + create(66, 0, 101) + PROBE + create(67, 0, 101) + PROBE
                + create(65, 0, 101) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        assertEquals(100, probe(inv)[7]);
        assertEquals(2, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(101, probe(inv)[7]);
    }

    @Test
    void callableAndProtocolGrants() {
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101) + grant(0, 101, 102)
                + call(102, 41, 0) + PROBE + revoke(101) + PROBE + call(102, 41, 0) + PROBE
                + grant(0, 5, 110) + " ecalli 110\n" + revoke(5) + PROBE + " ecalli 110\n" + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " add_imm_64 a0, a0, 1\n ecalli 0\n jump @0\n"));
        assertEquals(42, probe(inv)[7]);
        assertEquals(1, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(new KernelResult.ProtocolCall(5), inv.run());   // the granted protocol cap
        assertEquals(1, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);                            // revoked
    }

    @Test
    void droppingAHandleDropsTheVmsCapsAndTheirViews() {
        String src = HEAD + create(65, 0, 100) + retype(1, ref(100, 7)) + grant(1, ref(100, 7), 80)
                + map(80, 20, 0, 1, 1) + " store_imm_u32 0x14000, 5\n load_u32 a0, 0x14000\n" + PROBE
                + ecall(KernelCodes.OP_DROP, 100, 0) + PROBE + " load_u32 a0, 0x14000\n ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        assertEquals(5, probe(inv)[7]);
        assertEquals(2, inv.liveVms());
        probe(inv);
        assertEquals(1, inv.liveVms());
        assertEquals(new KernelResult.PageFault(0x14000), inv.run());
    }

    @Test
    void moveKeepsDerivationLinks() {
        String src = HEAD + create(65, 0, 100) + retype(1, 70) + grant(0, 70, 71)
                + ecall(KernelCodes.OP_MOVE, 71, ref(100, 5)) + revoke(70) + PROBE
                + " load_imm a0, 0\n" + ecall(KernelCodes.OP_MOVE, ref(100, 5), 72) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " ecalli 0\n"));
        assertEquals(1, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void passedViewReturnsAndStaysRevocable() {
        // a view passed as the IPC cap lives in the callee's slot 0 during the call, and comes back
        String child = map(0, 40, 0, 1, 1) + " load_u32 a0, 0x28000\n ecalli 0\n";
        String src = HEAD + PAGE + grant(1, 70, 71) + create(65, 0, 100) + call(100, 0, 71) + PROBE
                + revoke(70) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, child));
        assertEquals(1234, probe(inv)[7]);
        assertEquals(1, probe(inv)[7]);
    }
}
