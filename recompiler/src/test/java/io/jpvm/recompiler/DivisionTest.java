package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Opcode;
import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Division and remainder never trap (x86 #DE would be SIGFPE and kill the JVM): every pair of edge
 * dividends and divisors — zero, −1, MIN/−1 in both widths, 32-bit divisors whose low half is zero
 * but whose upper half is not — through every register aliasing that matters (destination = a source,
 * a = b, operands hosted in rax/rcx), on both profiles, compared with the interpreter.
 */
class DivisionTest {
    static final long[] OPERANDS = {
        0, 1, -1, 2, -2, 7, -7, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
        0x80000000L, 0xFFFFFFFFL, 0x100000000L, 0xFFFFFFFF00000000L, 0x1FFFFFFFFL, 0x7FFFFFFF00000000L,
        0xFFFFFFFF80000000L, 0x00000001_FFFFFFFFL, 0x80000000_00000001L, 0x12345678_9ABCDEF0L,
    };

    static final int[] OPS = {
        Opcode.DIV_U_32, Opcode.DIV_S_32, Opcode.REM_U_32, Opcode.REM_S_32,
        Opcode.DIV_U_64, Opcode.DIV_S_64, Opcode.REM_U_64, Opcode.REM_S_64,
        Opcode.MUL_UPPER_S_S, Opcode.MUL_UPPER_U_U, Opcode.MUL_UPPER_S_U,
    };

    /** (d, a, b) register triples: distinct, d = a, d = b, a = b, all equal, with rax/rcx hosts (11, 12). */
    static final int[][] SHAPES = {
        {3, 4, 5}, {3, 3, 5}, {3, 4, 3}, {3, 4, 4}, {3, 3, 3},
        {11, 4, 5}, {3, 11, 5}, {3, 4, 11}, {11, 11, 5}, {11, 4, 11}, {3, 11, 11}, {11, 11, 11},
        {12, 4, 5}, {3, 12, 5}, {3, 4, 12}, {12, 11, 5}, {11, 12, 5}, {3, 11, 12}, {3, 12, 11}, {12, 12, 11},
    };

    @TestFactory
    Stream<DynamicTest> edgeOperandsEveryAliasing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Profile p : Profile.values()) {
            for (int op : OPS) {
                tests.add(DynamicTest.dynamicTest(p.id() + " " + Opcode.name(op), () -> check(p, op)));
            }
        }
        return tests.stream();
    }

    static void check(Profile p, int op) {
        StringBuilder src = new StringBuilder();
        for (int[] s : SHAPES) {
            src.append(Opcode.name(op)).append(" r").append(s[0]).append(", r").append(s[1]).append(", r").append(s[2])
                    .append("\necalli 1\n");
        }
        try (Engines.Pair pair = new Engines.Pair(src.toString(), p)) {
            for (int k = 0; k < SHAPES.length; k++) {
                int[] s = SHAPES[k];
                for (long x : OPERANDS) {
                    for (long y : OPERANDS) {
                        for (int i = 0; i < 13; i++) {
                            pair.setReg(i, 0x5555_0000_0000_0000L + i);
                        }
                        pair.setReg(s[2], y);
                        pair.setReg(s[1], x);
                        pair.setGas(100);
                        pair.setPc(pair.iprog.program().pcOf(2 * k));
                        String what = p.id() + " " + Opcode.name(op) + " r" + s[0] + ", r" + s[1] + ", r" + s[2]
                                + " with " + Long.toHexString(x) + ", " + Long.toHexString(y);
                        assertEquals(ExitKind.HOST_CALL, pair.runBoth(what), what);
                    }
                }
            }
        }
    }
}
