package io.jpvm.kernel;

import static io.jpvm.kernel.K.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Protocol calls: exits to the embedder, host functions, calls from children. */
class ProtocolTest {

    @Test
    void protocolCallExitsAndResumes() {
        Invocation inv = K.start("""
                .container jar
                        load_imm a0, 5
                        load_imm a1, 6
                        ecalli   19
                        add_64   a0, a0, a1
                        ecalli   0
                """);
        assertEquals(new KernelResult.ProtocolCall(19), inv.run());
        assertEquals(5, inv.activeReg(7));
        assertEquals(6, inv.activeReg(8));
        inv.resumeProtocolCall(100, 23);
        assertEquals(new KernelResult.Halt(123), inv.run());
    }

    @Test
    void protocolCallChargesTen() {
        byte[] blob = jar(".container jar\n ecalli 2\n ecalli 0\n");
        long first = K.blockCosts(blob, 64, 0, 1);
        Invocation inv = K.start(blob, 100_000);
        assertEquals(new KernelResult.ProtocolCall(2), inv.run());
        assertEquals(100_000 - first - 10, inv.activeGas());
    }

    @Test
    void gasHostFunction() {
        byte[] blob = jar(".container jar\n ecalli 1\n ecalli 0\n");
        long first = K.blockCosts(blob, 64, 0, 1);
        Invocation inv = K.builder(blob).gas(100_000).host(1, HostFunction.GAS).build();
        assertEquals(new KernelResult.Halt(100_000 - first - 10), inv.run());
    }

    @Test
    void hostActions() {
        byte[] blob = jar(".container jar\n ecalli 7\n load_imm a0, 9\n ecalli 0\n");
        Invocation yield = K.builder(blob).gas(100_000).host(7, (id, inv) -> HostAction.YIELD).build();
        assertEquals(new KernelResult.ProtocolCall(7), yield.run());
        assertEquals(new KernelResult.Halt(9), yield.run());
        Invocation panic = K.builder(blob).gas(100_000).host(7, (id, inv) -> HostAction.PANIC).build();
        assertEquals(new KernelResult.Panic(), panic.run());
        Invocation oog = K.builder(blob).gas(100_000).host(7, (id, inv) -> HostAction.OUT_OF_GAS).build();
        assertEquals(new KernelResult.OutOfGas(), oog.run());
        assertEquals(0, oog.activeGas());
        Invocation charge = K.builder(blob).gas(100_000).host(7, (id, inv) -> {
            inv.setActiveGas(inv.activeGas() - 1000);
            return HostAction.RESUME;
        }).build();
        assertEquals(new KernelResult.Halt(9), charge.run());
    }

    @Test
    void childProtocolCallsUseCopiedCaps() {
        // the child gets protocol cap 5 through the CREATE bitmask (bit 5) and calls it
        Invocation inv = K.start(".container jar\n" + K.create(65, 1L << 5, 100) + K.call(100, 3, 0) + " ecalli 0\n",
                Map.of(65, " add_imm_64 a0, a0, 1\n ecalli 5\n ecalli 0\n"));
        assertEquals(new KernelResult.ProtocolCall(5), inv.run());
        assertEquals(1, inv.callDepth());
        assertEquals(4, inv.activeReg(7));
        inv.resumeProtocolCall(40, 0);
        assertEquals(new KernelResult.Halt(40), inv.run());
        assertEquals(0, inv.callDepth());
    }

    @Test
    void remoteProtocolCapsViaDynamicCall() {
        // a protocol cap in a child's table, called through a HANDLE hop: exits like a local one
        Invocation inv = K.start(".container jar\n" + K.create(65, 1L << 6, 100)
                + K.ecall(KernelCodes.OP_CALL, K.ref(100, 6), 0) + " ecalli 0\n", Map.of(65, " ecalli 0\n"));
        assertEquals(new KernelResult.ProtocolCall(6), inv.run());
        assertEquals(0, inv.callDepth());
        assertEquals(new KernelResult.Halt(100), inv.run());
    }
}
