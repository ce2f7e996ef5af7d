package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;
import org.junit.jupiter.api.Test;

/** gp072 sbrk exits to Java, grows the heap exactly like the interpreter and resumes; javm panics. */
class SbrkTest {
    static final String SOURCE = """
            sbrk r2, r1
            sbrk r3, r0
            add_imm_64 r1, r1, 4097
            sbrk r4, r1
            sbrk r5, r0
            store_ind_u64 r5, r4, 4000
            load_imm_64 r6, 0xFFFFFFFF
            sbrk r7, r6
            sbrk r8, r0
            ecalli 0
            """;

    @Test
    void gp072GrowsTheHeap() {
        for (long heapStart : new long[] {0x10000, 0x20000, 0x20010, 0x40000}) {
            for (long first : new long[] {0, 1, 4095, 4096, 10000}) {
                try (Engines.Pair pair = new Engines.Pair(SOURCE, Profile.GP072,
                        new Engines.Region(0x20, 1, true, null))) {
                    pair.setHeapStart(heapStart);
                    pair.setReg(1, first);
                    pair.setGas(1000);
                    assertEquals(ExitKind.HOST_CALL, pair.runBoth("heap " + heapStart + " first " + first));
                }
            }
        }
    }

    @Test
    void javmPanics() {
        try (Engines.Pair pair = new Engines.Pair(SOURCE, Profile.JAVM)) {
            pair.setGas(1000);
            assertEquals(ExitKind.PANIC, pair.runBoth("javm sbrk"));
        }
    }
}
