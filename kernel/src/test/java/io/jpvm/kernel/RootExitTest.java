package io.jpvm.kernel;

import static io.jpvm.kernel.K.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How VM 0's exits end the invocation. */
class RootExitTest {

    private static KernelResult run(String code) {
        return K.start(".container jar\n.data_cap 65 base_page=16 pages=1 ro\n" + code).run();
    }

    @Test
    void trapAtTheRootIsPanic() {
        assertEquals(new KernelResult.Panic(), run(" load_imm a0, 1\n trap\n"));
    }

    @Test
    void panicAtTheRootIsPanic() {
        assertEquals(new KernelResult.Panic(), run(" sbrk a0, a1\n ecalli 0\n"));
        assertEquals(new KernelResult.Panic(), run(" jump_ind a0, 0\n"));
    }

    @Test
    void runningOffTheEndIsPanic() {
        assertEquals(new KernelResult.Panic(), run(" load_imm a0, 1\n"));
    }

    @Test
    void pageFaultsReportTheAddress() {
        assertEquals(new KernelResult.PageFault(0x12000), run(" load_u8 a0, 0x12345\n ecalli 0\n"));
        // writing to a read-only manifest cap
        assertEquals(new KernelResult.PageFault(0x10000), run(" store_imm_u8 0x10010, 1\n ecalli 0\n"));
    }

    @Test
    void ecalliAbove127IsPanic() {
        assertEquals(new KernelResult.Panic(), run(" ecalli 128\n ecalli 0\n"));
        assertEquals(new KernelResult.Panic(), run(" ecalli -1\n ecalli 0\n"));
        assertEquals(new KernelResult.Halt(K.WHAT), run(" ecalli 127\n ecalli 0\n"));
    }

    @Test
    void outOfGasInABlock() {
        byte[] blob = jar(".container jar\nloop: add_imm_64 a0, a0, 1\n jump loop\n");
        Invocation inv = K.start(blob, 1000);
        assertEquals(new KernelResult.OutOfGas(), inv.run());
        assertEquals(0, inv.activeGas());
    }

    @Test
    void ecalliNeedsTenGas() {
        byte[] blob = jar(".container jar\n ecalli 0\n");
        long block = K.blockCosts(blob, 64, 0, 1);
        Invocation enough = K.start(blob, block + 10);
        assertEquals(new KernelResult.Halt(0), enough.run());
        assertEquals(0, enough.activeGas());
        Invocation short1 = K.start(blob, block + 9);
        assertEquals(new KernelResult.OutOfGas(), short1.run());
        assertEquals(0, short1.activeGas());
    }

    @Test
    void ecallNeedsTenGas() {
        byte[] blob = jar(".container jar\n ecall\n ecalli 0\n");
        long block = K.blockCosts(blob, 64, 0, 1);
        assertEquals(new KernelResult.OutOfGas(), K.start(blob, block + 9).run());
        Invocation inv = K.start(blob, block + 10);
        assertEquals(new KernelResult.OutOfGas(), inv.run()); // the ecall succeeds (WHAT), the REPLY block cannot be paid
    }
}
