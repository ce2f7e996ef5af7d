package io.jpvm.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jpvm.isa.BlobFormatException;
import io.jpvm.isa.Deblob;
import io.jpvm.isa.Instruction;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 307 w3f PVM vectors on the recompiler (same comparison as {@link W3fVectorsTest}), and the
 * reference programs on the recompiler against the interpreter. Vectors whose run faults natively
 * (page faults, gp072 low-zone panics) need the signal handler; until it is installed they are
 * skipped (reported as skipped, never run: a guest fault without the handler kills the JVM).
 */
class RecompilerVectorsTest {
    @BeforeAll
    static void platform() {
        assumeTrue(RecompilerVectorEngine.supported(), "recompiler needs Linux x86-64");
    }

    static Stream<Named<Vector>> vectors() {
        return W3fVectorsTest.vectors().stream().map(v -> Named.of(v.name(), v));
    }

    /** Whether the interpreter's run of {@code v} ends in a memory fault (page fault or low-zone panic). */
    static boolean faults(Vector v) {
        Outcome o = new InterpreterVectorEngine().execute(v);
        if ("page-fault".equals(o.status())) {
            return true;
        }
        if (!"panic".equals(o.status())) {
            return false;
        }
        try {
            Program p = Program.of(Deblob.parse(v.program()).code(), Profile.GP072);
            int i = p.indexOf(o.pc());
            if (i < 0 || i >= p.count()) {
                return false;
            }
            Instruction in = p.instruction(i);
            int op = in.opcode();
            return in.valid() && ((op >= 30 && op <= 33) || (op >= 52 && op <= 62) || (op >= 70 && op <= 73)
                    || (op >= 120 && op <= 130));
        } catch (BlobFormatException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void recompiler(Vector v) {
        if (!RecompilerVectorEngine.faultsHandled()) {
            assumeTrue(!faults(v), "faults natively; needs the signal handler");
        }
        Outcome o = new RecompilerVectorEngine().execute(v);
        List<String> diffs = VectorCheck.differences(v, o);
        assertTrue(diffs.isEmpty(), v.name() + ": " + String.join("; ", diffs));
    }

    private static final long GAS = 1_000_000_000L;

    /** The reference programs that run on one machine (fib_recur needs the capability kernel). */
    @ParameterizedTest
    @EnumSource(value = ReferenceProgram.class, names = {"FIB", "FIB_GP", "HOSTCALL", "SORT"})
    void referenceProgramMatchesTheInterpreter(ReferenceProgram p) {
        LoadedProgram loaded = p.load();
        RunResult want = MachineRunner.run(loaded, GAS, null, null);
        RunResult got = RecompilerVectorEngine.run(loaded, GAS, null, null);
        assertEquals("halt", got.status(), p.id() + " status");
        assertEquals(p.expectedResult(), got.result(), p.id() + " result");
        assertEquals(want.status(), got.status(), p.id() + " status");
        assertEquals(want.pc(), got.pc(), p.id() + " pc");
        assertArrayEquals(want.regs(), got.regs(), p.id() + " registers");
        assertEquals(want.gasLeft(), got.gasLeft(), p.id() + " gas");
        assertEquals(want.hostCalls(), got.hostCalls(), p.id() + " host calls");
        assertEquals(want.faultAddress(), got.faultAddress(), p.id() + " fault address");
        assertEquals(want.hostCallId(), got.hostCallId(), p.id() + " host call id");
    }

    @ParameterizedTest
    @EnumSource(value = ReferenceProgram.class, names = {"FIB", "FIB_GP", "HOSTCALL", "SORT"})
    void referenceProgramOutOfGasMatchesTheInterpreter(ReferenceProgram p) {
        LoadedProgram loaded = p.load();
        RunResult full = MachineRunner.run(loaded, GAS, null, null);
        for (long gas : new long[] {0, 1, 7, full.gasUsed() / 3, full.gasUsed() - 10, full.gasUsed() - 1}) {
            RunResult want = MachineRunner.run(loaded, gas, null, null);
            RunResult got = RecompilerVectorEngine.run(loaded, gas, null, null);
            String what = p.id() + " with gas " + gas;
            assertEquals(want.status(), got.status(), what + " status");
            assertEquals(want.pc(), got.pc(), what + " pc");
            assertArrayEquals(want.regs(), got.regs(), what + " registers");
            assertEquals(want.gasLeft(), got.gasLeft(), what + " gas");
            assertEquals(want.hostCalls(), got.hostCalls(), what + " host calls");
        }
    }
}
