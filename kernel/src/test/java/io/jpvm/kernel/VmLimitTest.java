package io.jpvm.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The arena limit: 65,535 live VMs; CREATE of one more answers WHAT. */
class VmLimitTest {
    /** Each VM creates one child and calls it; the VM whose CREATE fails replies 1, each ancestor adds 1. */
    private static final String CHAIN = """
            .container jar
            .memory_pages 0
            .invoke_cap 32
            .code_cap 32
                    load_imm_64   a0, 0x100000000
                    load_imm      a5, 40
                    ecalli        32
                    branch_ne_imm a0, 40, full
                    load_imm      a5, 0
                    ecalli        40
                    add_imm_64    a0, a0, 1
                    ecalli        0
            full:   load_imm      a0, 1
                    ecalli        0
            """;

    @Test
    void the65536thVmIsRefused() {
        Invocation inv = K.start(CHAIN);
        assertEquals(new KernelResult.Halt(KernelCodes.MAX_VMS), inv.run());
        assertEquals(65_535, inv.liveVms());
        assertEquals(65_535, inv.vmsCreated());
    }
}
