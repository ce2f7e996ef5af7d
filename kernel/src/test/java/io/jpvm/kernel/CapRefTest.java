package io.jpvm.kernel;

import static io.jpvm.kernel.K.PROBE;
import static io.jpvm.kernel.K.WHAT;
import static io.jpvm.kernel.K.call;
import static io.jpvm.kernel.K.create;
import static io.jpvm.kernel.K.ecall;
import static io.jpvm.kernel.K.probe;
import static io.jpvm.kernel.K.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cap refs with HANDLE hops (bytes 3 → 2 → 1), their failures, and stale handles. */
class CapRefTest {
    private static final String HEAD = ".container jar\n.memory_pages 4\n";
    private static final Map<Integer, String> IDLE_CHILD = Map.of(65, " ecalli 0\n");

    @Test
    void oneTwoAndThreeHops() {
        String src = HEAD
                + create(65, 0, 100)                       // A in root slot 100
                + create(65, 0, ref(100, 50))              // B in A's slot 50
                + create(65, 0, ref(100, 50, 60))          // C in B's slot 60
                + create(65, 0, ref(100, 50, 60, 70))      // D in C's slot 70 (three hops)
                + PROBE
                + ecall(KernelCodes.OP_COPY, 5, ref(100, 50, 60, 9)) + PROBE   // into C's slot 9
                + ecall(KernelCodes.OP_COPY, 5, ref(100, 50, 60, 9)) + PROBE   // occupied now
                + ecall(KernelCodes.OP_MOVE, ref(100, 50, 60, 9), 9) + PROBE   // root slot 9 holds protocol cap 9
                + ecall(KernelCodes.OP_MOVE, ref(100, 50, 60, 9), 120) + PROBE // back to the root
                + " ecalli 120\n ecalli 0\n";
        Invocation inv = K.start(src, IDLE_CHILD);
        assertEquals(70, probe(inv)[7]);
        assertEquals(5, inv.liveVms());
        assertEquals(70, probe(inv)[7]);       // success leaves φ7 alone
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);     // φ7 unchanged by the successful MOVE
        assertEquals(new KernelResult.ProtocolCall(5), inv.run());
    }

    @Test
    void zeroBytesAreSkipped() {
        // hop in byte 3 only, and in byte 1 only: both reach A's table
        String src = HEAD + create(65, 0, 100)
                + ecall(KernelCodes.OP_COPY, 5, (100L << 24) | 7) + PROBE
                + ecall(KernelCodes.OP_COPY, 5, (100L << 8) | 7) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, IDLE_CHILD);
        assertEquals(100, probe(inv)[7]);
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void hopFailures() {
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101) + " load_imm a0, 1\n"
                + ecall(KernelCodes.OP_COPY, 5, ref(5, 7)) + PROBE        // hop through a PROTOCOL cap
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_COPY, 5, ref(99, 7)) + PROBE   // through an empty slot
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_COPY, 5, ref(101, 7)) + PROBE  // through a CALLABLE
                + " load_imm a0, 1\n" + ecall(KernelCodes.OP_COPY, ref(100, 40), 7) + PROBE // empty subject
                + " ecalli 0\n";
        Invocation inv = K.start(src, IDLE_CHILD);
        for (int i = 0; i < 4; i++) {
            assertEquals(WHAT, probe(inv)[7], "case " + i);
        }
    }

    @Test
    void hopsThroughARunningVmFail() {
        // A holds its own HANDLE (moved there by the root) and uses it as a hop while RUNNING
        String a = ecall(KernelCodes.OP_COPY, 0, ref(100, 7)) + " ecalli 0\n";
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101)
                + ecall(KernelCodes.OP_MOVE, 100, ref(100, 100)) + call(101, 0, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, a));
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void hopsThroughAWaitingVmFail() {
        // A hands its own HANDLE to B and calls B; B hops through it while A waits for the reply
        String b = " load_imm a0, 1\n" + ecall(KernelCodes.OP_COPY, 0, ref(9, 7)) + " ecalli 0\n";
        String a = create(40, 0, 50) + ecall(KernelCodes.OP_MOVE, 100, ref(50, 9)) + call(50, 0, 0) + " ecalli 0\n";
        String src = HEAD + create(65, 1L << 40, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101)
                + ecall(KernelCodes.OP_MOVE, 100, ref(100, 100)) + call(101, 0, 0) + PROBE + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, a, 40, b));
        assertEquals(WHAT, probe(inv)[7]);
    }

    @Test
    void staleHandles() {
        String src = HEAD + create(65, 0, 100) + ecall(KernelCodes.OP_DOWNGRADE, 100, 101)
                + ecall(KernelCodes.OP_DROP, 100, 0) + PROBE
                + call(101, 0, 0) + PROBE                       // the VM is gone
                + create(65, 0, 102) + call(102, 9, 0) + PROBE  // reuses the arena index, new generation
                + call(101, 0, 0) + PROBE                       // still stale
                + " ecalli 0\n";
        Invocation inv = K.start(src, Map.of(65, " add_imm_64 a0, a0, 1\n ecalli 0\n"));
        probe(inv);
        assertEquals(1, inv.liveVms());
        assertEquals(WHAT, probe(inv)[7]);
        long[] r = probe(inv);
        assertEquals(10, r[7]);
        assertEquals(0, r[8]);
        assertEquals(2, inv.liveVms());
        assertEquals(3, inv.vmsCreated());
        assertEquals(WHAT, probe(inv)[7]);
    }
}
