package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dynamic jumps through the dispatch table, against the interpreter: every address from 0 to past
 * the table (odd, zero, in range, out of range), the gp072 halt address and its neighbours, entries
 * that are not valid targets (mid-block instructions, non-instructions, the end of the code), both
 * jump_ind and load_imm_jump_ind with A = B (javm reads B after writing A, gp072 before).
 */
class DjumpTest {
    static final String SOURCE = """
            jump_ind r1, 0
            load_imm_jump_ind r2, r1, 100, 0
            load_imm_jump_ind r1, r1, 4, 0
            load_imm_jump_ind r3, r1, 6, 2
            jump_ind r1, 0x7FFFFFFF
            fallthrough
            t1: load_imm r7, 1
            ecalli 1
            t2: load_imm r7, 2
            add_imm_64 r7, r7, 5
            mid: ecalli 2
            t3: trap
            t4: fallthrough
            end:
            .jump_table t1, t2, mid, t3, t4, @1, @3, end, @100000, t1, t1
            """;

    static long[] addresses() {
        List<Long> a = new ArrayList<>();
        for (long x = 0; x < 30; x++) {
            a.add(x);
        }
        for (long x : new long[] {0xFFFF0000L, 0xFFFEFFFFL, 0xFFFF0001L, 0xFFFF0002L, 0xFFFFFFFEL, 0xFFFFFFFFL,
                0x80000000L, 0x80000002L, 0x7FFFFFFEL, 0x100000002L, 0xFFFFFFFF_FFFF0000L, -2, 0x1_0000_0000L}) {
            a.add(x);
        }
        return a.stream().mapToLong(Long::longValue).toArray();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyAddressEveryForm(Profile p) {
        try (Engines.Pair pair = new Engines.Pair(SOURCE, p)) {
            int forms = 5;
            for (int f = 0; f < forms; f++) {
                for (long addr : addresses()) {
                    for (int i = 0; i < 13; i++) {
                        pair.setReg(i, 0);
                    }
                    pair.setReg(1, addr);
                    pair.setGas(1000);
                    pair.setPc(pair.iprog.program().pcOf(f));
                    String what = p.id() + " form " + f + " address 0x" + Long.toHexString(addr);
                    ExitKind e = pair.runBoth(what);
                    if (e == ExitKind.HOST_CALL) {
                        pair.runBoth(what + " (continued)");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void djumpOutOfGasAtTheTarget(Profile p) {
        try (Engines.Pair pair = new Engines.Pair(SOURCE, p)) {
            for (long gas = 0; gas < 8; gas++) {
                pair.setReg(1, 4);
                pair.setGas(gas);
                pair.setPc(0);
                ExitKind e = pair.runBoth(p.id() + " gas " + gas);
                if (e == ExitKind.OUT_OF_GAS) {
                    pair.setGas(1000);
                    pair.runBoth(p.id() + " gas " + gas + " resumed");
                }
            }
        }
    }
}
