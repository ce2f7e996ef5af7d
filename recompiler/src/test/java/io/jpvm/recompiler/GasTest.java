package io.jpvm.recompiler;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gas at block boundaries against the interpreter: every initial gas from 0 to past what a program
 * needs, from every instruction as a start pc (fresh starts mid-block charge the rest of the block),
 * resuming after each out-of-gas with a little more gas, and running off the end (javm's implicit
 * trap costs one more gas).
 */
class GasTest {
    static final String LOOP = """
            load_imm r1, 0
            load_imm r2, 5
            fallthrough
            loop: add_imm_64 r1, r1, 1
            mul_64 r3, r1, r1
            branch_lt_u r1, r2, loop
            ecalli 3
            load_imm r4, 9
            branch_eq_imm r4, 9, tail
            trap
            tail: add_64 r5, r4, r1
            """;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyGasEveryStart(Profile p) {
        try (Engines.Pair pair = new Engines.Pair(LOOP, p)) {
            Program prog = pair.iprog.program();
            for (int start = 0; start <= prog.count(); start++) {
                for (long gas = 0; gas < 400; gas += gas < 60 ? 1 : 17) {
                    for (int i = 0; i < 13; i++) {
                        pair.setReg(i, 0);
                    }
                    pair.setGas(gas);
                    pair.setPc(prog.pcOf(start));
                    String what = p.id() + " start " + start + " gas " + gas;
                    for (int exit = 0; exit < 30; exit++) {
                        ExitKind e = pair.runBoth(what + " exit " + exit);
                        if (e == ExitKind.OUT_OF_GAS) {
                            pair.setGas(pair.vm.gas() + exit % 7);
                        } else if (e != ExitKind.HOST_CALL) {
                            break;
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void negativeAndHugeGas(Profile p) {
        try (Engines.Pair pair = new Engines.Pair(LOOP, p)) {
            for (long gas : new long[] {-1, Long.MIN_VALUE, Long.MIN_VALUE + 3, Long.MAX_VALUE, Long.MAX_VALUE - 2}) {
                pair.setGas(gas);
                pair.setPc(0);
                pair.runBoth(p.id() + " gas " + gas);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void runningOffTheEnd(Profile p) {
        for (String src : new String[] {"", "add_64 r1, r1, r1", "fallthrough", "ecalli 0", "load_imm r1, 1\nfallthrough\nadd_64 r1, r1, r1"}) {
            try (Engines.Pair pair = new Engines.Pair(src, p)) {
                Program prog = pair.iprog.program();
                for (int start = 0; start <= prog.count(); start++) {
                    for (long gas = 0; gas < 8; gas++) {
                        pair.setGas(gas);
                        pair.setPc(prog.pcOf(start));
                        String what = p.id() + " [" + src + "] start " + start + " gas " + gas;
                        for (int k = 0; k < 4; k++) {
                            ExitKind e = pair.runBoth(what + " exit " + k);
                            if (e == ExitKind.OUT_OF_GAS) {
                                pair.setGas(1);
                            } else if (e != ExitKind.HOST_CALL) {
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}
