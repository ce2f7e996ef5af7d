package io.jpvm.kernel;

import static io.jpvm.kernel.K.BIG_GAS;
import static io.jpvm.kernel.K.halt;
import static io.jpvm.kernel.K.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jpvm.isa.BlobFormatException;
import io.jpvm.kernel.InvalidProgramException.Reason;
import org.junit.jupiter.api.Test;

/** Invocation set-up (javm-reference §2.1 "Kernel init") and its errors. */
class InitTest {

    private static InvalidProgramException invalid(byte[] blob, byte[] args, long gas) {
        return assertThrows(InvalidProgramException.class,
                () -> K.builder(blob).args(args).gas(gas).build());
    }

    @Test
    void replyAtTheRootHalts() {
        Invocation inv = K.start(".container jar\n load_imm a0, 42\n ecalli 0\n");
        assertEquals(1, inv.liveVms());
        assertEquals(1, inv.vmsCreated());
        assertEquals(42, halt(inv));
        assertTrue(inv.finished());
        assertThrows(IllegalStateException.class, inv::run);
    }

    @Test
    void argumentsGoToTheSlotZeroDataCap() {
        byte[] blob = jar("""
                .container jar
                .data_cap 0 base_page=16 pages=1 rw
                        load_ind_u8   t0, a1, 0
                        shlo_l_imm_64 t1, a2, 8
                        add_64        a0, t0, t1
                        ecalli        0
                """);
        Invocation inv = K.builder(blob).args(new byte[] {7, 8, 9}).gas(BIG_GAS).build();
        assertEquals(16 * 4096, inv.activeReg(8));
        assertEquals(3, inv.activeReg(9));
        assertEquals(7 + 3 * 256, halt(inv));
    }

    @Test
    void noArgumentsLeavePhi8AndPhi9Zero() {
        Invocation inv = K.builder(jar(".container jar\n.data_cap 0 base_page=16 pages=1 rw\n ecalli 0"))
                .gas(BIG_GAS).operation(1).build();
        assertEquals(0, inv.activeReg(8));
        assertEquals(0, inv.activeReg(9));
        assertEquals(1, inv.activeReg(7));
    }

    @Test
    void initialDataAndAccess() {
        byte[] blob = jar("""
                .container jar
                .data_cap 65 base_page=4 pages=1 ro init=2a00000000000000
                .data_cap 66 base_page=5 pages=2 rw init=01
                        load_u64 a0, 0x4000
                        load_u8  t0, 0x5000
                        add_64   a0, a0, t0
                        store_u8 a0, 0x6fff
                        load_u8  a0, 0x6fff
                        ecalli   0
                """);
        Invocation inv = K.start(blob, BIG_GAS);
        assertEquals(43, halt(inv));
        assertEquals(3, inv.pagesInUse());
    }

    @Test
    void initGasIsChargedPerDataPage() {
        byte[] blob = jar(".container jar\n.data_cap 65 base_page=0 pages=3 rw\n ecalli 0\n");
        assertEquals(10_000 - 4500, K.start(blob, 10_000).activeGas());
        assertEquals(0, K.start(blob, 4500).activeGas());
        InvalidProgramException e = invalid(blob, new byte[0], 4499);
        assertEquals(Reason.OUT_OF_GAS, e.reason());
        assertTrue(e.getMessage().contains("4500"), e.getMessage());
    }

    @Test
    void atMostFiveCodeCaps() {
        String caps = ".container jar\n.code_cap 64\n.code_cap 65\n.code_cap 66\n.code_cap 67\n.code_cap 68\n";
        K.start(jar(caps + " ecalli 0"), 100_000);
        InvalidProgramException e = invalid(jar(caps + ".code_cap 69\n ecalli 0"), new byte[0], BIG_GAS);
        assertEquals(Reason.TOO_MANY_CODE_CAPS, e.reason());
    }

    @Test
    void dataCapsMustFitTheUntypedPool() {
        byte[] blob = jar(".container jar\n.memory_pages 2\n.data_cap 65 base_page=0 pages=3 rw\n ecalli 0");
        assertEquals(Reason.OUT_OF_MEMORY, invalid(blob, new byte[0], BIG_GAS).reason());
    }

    @Test
    void malformedBlobs() {
        InvalidProgramException e = invalid(new byte[] {1, 2, 3}, new byte[0], BIG_GAS);
        assertEquals(Reason.MALFORMED_BLOB, e.reason());
        assertInstanceOf(BlobFormatException.class, e.getCause());
        byte[] good = jar(".container jar\n ecalli 0");
        good[0] = 'X';
        e = invalid(good, new byte[0], BIG_GAS);
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(jar(".container jar\n ecalli 0"), 12);
        assertEquals(Reason.MALFORMED_BLOB, invalid(truncated, new byte[0], BIG_GAS).reason());
        e = invalid(jar(".container jar\n.code_cap 64 at=0 len=3\n.data_size 3\n ecalli 0"), new byte[0], BIG_GAS);
        assertEquals(Reason.MALFORMED_BLOB, e.reason());
        assertTrue(e.getMessage().contains("slot 64"), e.getMessage());
    }

    @Test
    void argumentsNeedASlotZeroDataCapThatHoldsThem() {
        byte[] noSlot0 = jar(".container jar\n ecalli 0");
        assertEquals(Reason.BAD_ARGUMENTS, invalid(noSlot0, new byte[] {1}, BIG_GAS).reason());
        byte[] small = jar(".container jar\n.data_cap 0 base_page=0 pages=1 rw\n ecalli 0");
        K.builder(small).args(new byte[4096]).gas(BIG_GAS).build();
        assertEquals(Reason.BAD_ARGUMENTS, invalid(small, new byte[4097], BIG_GAS).reason());
    }

    @Test
    void conflicts() {
        byte[] overlap = jar(".container jar\n.data_cap 65 base_page=0 pages=2 rw\n.data_cap 66 base_page=1 pages=1 rw\n ecalli 0");
        assertEquals(Reason.CONFLICT, invalid(overlap, new byte[0], BIG_GAS).reason());
        byte[] untypedSlot = jar(".container jar\n.memory_pages 4\n.data_cap 254 base_page=0 pages=1 rw\n ecalli 0");
        assertEquals(Reason.CONFLICT, invalid(untypedSlot, new byte[0], BIG_GAS).reason());
        // without an UNTYPED pool beyond the caps, slot 254 is free
        K.start(jar(".container jar\n.memory_pages 0\n.code_cap 254\n ecalli 0"), BIG_GAS);
    }

    @Test
    void untypedOnlyWithMemoryPages() {
        String retype = ".container jar\n.memory_pages %d\n" + K.retype(1, 70) + " ecalli 0\n";
        assertEquals(70, halt(K.start(jar(retype.formatted(1)), BIG_GAS)));
        assertEquals(K.WHAT, halt(K.start(jar(retype.formatted(0)), BIG_GAS)));
    }

    @Test
    void protocolCapsFillSlotsOneToTwentyEight() {
        for (int slot : new int[] {1, 2, 14, 28}) {
            Invocation inv = K.start(".container jar\n ecalli " + slot + "\n ecalli 0\n");
            assertEquals(new KernelResult.ProtocolCall(slot), inv.run());
        }
        assertEquals(K.WHAT, halt(K.start(".container jar\n ecalli 29\n ecalli 0\n")));
        // a manifest cap in a protocol slot replaces that protocol cap
        assertEquals(K.WHAT, halt(K.start(".container jar\n.data_cap 3 base_page=0 pages=1 rw\n ecalli 3\n ecalli 0\n")));
    }

    @Test
    void builderRejectsNegativeGasAndBadHostIds() {
        byte[] blob = jar(".container jar\n ecalli 0");
        assertThrows(IllegalArgumentException.class, () -> K.builder(blob).gas(-1));
        assertThrows(IllegalArgumentException.class, () -> K.builder(blob).host(0, HostFunction.GAS));
        assertThrows(IllegalArgumentException.class, () -> K.builder(blob).host(29, HostFunction.GAS));
    }
}
