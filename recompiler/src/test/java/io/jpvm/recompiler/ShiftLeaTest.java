package io.jpvm.recompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jpvm.interpreter.ExitKind;
import io.jpvm.isa.Profile;
import io.jpvm.isa.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code lea} form of a left shift by 1..3 into another register ({@code shlo_l_imm_64} and
 * {@code shlo_l_imm_32}, whose shift counts are taken mod 64/32, so 65, 33, −63 ... count too) against
 * the interpreter: every destination/source pair of the 13 registers (rax/rcx-hosted ones included),
 * every count around the lea range, edge and random values; each instance one run compared in full.
 */
class ShiftLeaTest {
    static final int[] COUNTS = {0, 1, 2, 3, 4, 31, 32, 33, 34, 35, 63, 64, 65, 66, 67, 97, -1, -61, -62, -63, -31};

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyPairEveryCount(Profile p) {
        SplittableRandom r = new SplittableRandom(0x5EA + p.ordinal());
        for (String m : new String[] {"shlo_l_imm_64", "shlo_l_imm_32"}) {
            StringBuilder src = new StringBuilder();
            List<long[]> regs = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (int d = 0; d < 13; d++) {
                for (int s = 0; s < 13; s++) {
                    int count = COUNTS[r.nextInt(COUNTS.length)];
                    String line = m + " r" + d + ", r" + s + ", " + count;
                    src.append(line).append("\necalli 7\n");
                    lines.add(line);
                    regs.add(Values.regs(r));
                }
            }
            try (Engines.Pair pair = new Engines.Pair(Engines.blob(src.toString()), p, List.of())) {
                Program prog = pair.iprog.program();
                for (int k = 0; k < lines.size(); k++) {
                    pair.setRegs(regs.get(k));
                    pair.setGas(1_000_000);
                    pair.setPc(prog.pcOf(2 * k));
                    String what = p.id() + ": " + lines.get(k);
                    assertEquals(ExitKind.HOST_CALL, pair.runBoth(what), what);
                }
            }
        }
    }
}
