package io.jpvm.kernel;

import static io.jpvm.kernel.K.jar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Protocol-call counting, memory after the end, close(), engine lookup. */
class InvocationLifecycleTest {
    private static final String CALLS = """
            .container jar
            .memory_pages 1
            .data_cap 70 base_page=16 pages=1 rw
                    ecalli 1
                    ecalli 1
                    ecalli 7
                    store_imm_u32 0x10000, 77
                    ecalli 1
                    ecalli 0
            """;

    @Test
    void protocolCallsCountEveryAnswer() {
        try (Invocation inv = K.builder(jar(CALLS)).gas(1_000_000).host(1, HostFunction.GAS).build()) {
            assertEquals(new KernelResult.ProtocolCall(7), inv.run());
            assertEquals(3, inv.protocolCalls());       // two GAS (host function or engine) and this one
            inv.resumeProtocolCall(0, 0);
            assertTrue(inv.run() instanceof KernelResult.Halt);
            assertEquals(4, inv.protocolCalls());
        }
        try (Invocation inv = K.builder(jar(CALLS)).gas(1_000_000).build()) {
            for (int i = 0; i < 4; i++) {
                assertTrue(inv.run() instanceof KernelResult.ProtocolCall);
                inv.resumeProtocolCall(0, 0);
            }
            assertTrue(inv.run() instanceof KernelResult.Halt);
            assertEquals(4, inv.protocolCalls());
        }
    }

    @Test
    void memoryStaysReadableAfterTheEndUntilClose() {
        Invocation inv = K.builder(jar(CALLS)).gas(1_000_000).host(1, HostFunction.GAS).host(7, HostFunction.GAS).build();
        assertTrue(inv.run() instanceof KernelResult.Halt);
        assertEquals(77, inv.readMemory(0x10000, 1)[0]);
        assertEquals(77, inv.readDataCap(70, 0, 1)[0]);
        assertThrows(IllegalStateException.class, inv::run);
        inv.close();
        inv.close();
        assertThrows(IllegalStateException.class, inv::run);
    }

    @Test
    void enginesByName() {
        assertSame(Engine.interpreter(), Engine.named("interpreter"));
        assertSame(Engine.auto(), Engine.named("auto"));
        assertTrue(Engine.auto().isAvailable());
        assertThrows(IllegalArgumentException.class, () -> Engine.named("no-such-engine"));
    }
}
